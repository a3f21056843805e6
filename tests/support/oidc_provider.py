"""A local OpenID Connect provider for the sign-in tests: ``oidc-provider-mock`` (PyPI) in a
process of its own on loopback, with predefined users that sign in with one click.

The provider accepts any client id, secret and redirect URI. Its issuer is the host name it is
called by, so the app and the browser must both use ``127.0.0.1``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

START_TIMEOUT_S = 60.0
LIFETIME_S = 1800  # the provider stops by itself after this, whatever happens to the tests


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def available() -> bool:
    """Whether ``oidc-provider-mock`` is installed (it is in the ``dev`` extra)."""
    return importlib.util.find_spec("oidc_provider_mock") is not None


@contextlib.contextmanager
def oidc_provider(
    port: int, users: Sequence[Mapping[str, object]], log_path: Path
) -> Iterator[str]:
    """Run the provider on ``127.0.0.1:port`` with ``users`` (claims, each with ``sub``);
    yields its issuer URL, then stops exactly that process."""
    command = ["timeout", str(LIFETIME_S), sys.executable, "-W", "ignore", "-m",
               "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    for claims in users:
        command += ["--user-claims", json.dumps(claims)]
    issuer = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _answers(f"{issuer}/.well-known/openid-configuration"):
                if process.poll() is not None:
                    raise RuntimeError(f"the OIDC provider stopped:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise RuntimeError("the OIDC provider did not answer in time")
                time.sleep(0.1)
            yield issuer
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def auth_section(app_url: str, issuer: str, cookie_secret: str) -> str:
    """The ``[auth]`` section of the secrets for an app at ``app_url`` (its public URL)."""
    return (
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "pmg-dashboard"\n'
        'client_secret = "test-client-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )
