"""The deployment files agree with each other and with the app: the nginx template renders,
the unit's command is the app's, every setting of the recipe is one the app or Streamlit
knows, and the container image copies what exists, runs as a user and leaves secrets out."""

from __future__ import annotations

import fnmatch
import re
import shlex
import subprocess
import sys
import time
import urllib.request

import pytest

from benchmarks.cluster import SETTINGS, read_settings, unit_command
from benchmarks.server import serve
from deploy.render import main, nginx_site
from lib.config import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_nginx_site_has_every_server_and_no_name_left() -> None:
    site = nginx_site(listen="80", apps=["127.0.0.1:8501", "127.0.0.1:8502"])
    assert "@" not in re.sub(r"#.*", "", site)
    assert re.findall(r"^\s+server (\S+) ", site, re.MULTILINE) == [
        "127.0.0.1:8501",
        "127.0.0.1:8502",
    ]
    assert "hash $pmg_route_key consistent;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site


def test_the_renderer_needs_a_server() -> None:
    with pytest.raises(ValueError, match="at least one"):
        nginx_site(listen="80", apps=[])


@pytest.mark.parametrize("bad", ["8501", "host:port", "127.0.0.1:0", "127.0.0.1:70000"])
def test_the_renderer_refuses_a_bad_address(bad: str) -> None:
    with pytest.raises(SystemExit):
        main(["nginx", "--app", bad])


def test_the_unit_runs_the_app_with_the_secrets_of_the_settings() -> None:
    settings = read_settings()
    command = unit_command(8502, settings)
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", "app.py"]
    assert command[5:7] == ["--server.port", "8502"]
    assert command[command.index("--secrets.files") + 1] == settings["PMG_SECRETS_FILE"]


def test_every_setting_of_the_recipe_is_known() -> None:
    settings = read_settings(SETTINGS)
    for name in settings:
        if name.startswith("PMG_"):
            assert f"`{name}`" in README, name
        else:
            assert name.startswith("STREAMLIT_"), name
            option = name.removeprefix("STREAMLIT_").lower()
            known = subprocess.run(
                [sys.executable, "-m", "streamlit", "config", "show"],
                capture_output=True, text=True, timeout=60, check=True,
            ).stdout  # fmt: skip
            section, _, rest = option.partition("_")
            camel = re.sub(r"_(\w)", lambda m: m.group(1).upper(), rest)
            assert f"[{section}]" in known
            assert f"\n{camel} =" in known or f"\n# {camel} =" in known, name


def _ignored(path: str, patterns: list[str]) -> bool:
    """Whether the build context leaves ``path`` out (.dockerignore: last match wins)."""
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern.removeprefix("!").rstrip("/")
        candidates = [body, f"{body}/*", body.removeprefix("**/"), f"*/{body.removeprefix('**/')}"]
        if any(fnmatch.fnmatch(path, c) for c in candidates):
            ignored = not negate
    return ignored


def test_the_image_copies_what_exists_and_leaves_secrets_and_stores_out() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sources = [
        word
        for line in DOCKERFILE.splitlines()
        if line.startswith("COPY ")
        for word in shlex.split(line)[1:-1]
    ]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not _ignored(source, patterns), source
    for secret in (".streamlit/secrets.toml", "data/store/versies/x.json", "lib/__pycache__/a.pyc"):
        assert _ignored(secret, patterns), secret
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.MULTILINE)
    assert users
    assert users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in DOCKERFILE


@pytest.mark.slow  # starts a server
def test_the_image_health_check_command_answers_for_a_running_server() -> None:
    command = re.search(r'CMD \["python", "-c", "(.+)"\]', DOCKERFILE)
    assert command is not None
    code = command.group(1)
    with serve() as (url, _pid):
        probe = code.replace("http://127.0.0.1:8501", url)
        assert probe != code
        assert subprocess.run([sys.executable, "-c", probe], timeout=30).returncode == 0
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.read() == b"ok"
    time.sleep(0.2)
    assert (
        subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30).returncode
        != 0
    )
