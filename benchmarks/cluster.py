"""Several app servers sharing one store behind nginx, on loopback, as the README deploys them.

The pieces are started the way ``deploy/`` describes, so a test of this cluster tests the
recipe: each app server runs the ``ExecStart`` command of ``deploy/systemd/pmg-dashboard@.service``
(the port for ``%i``, ``${NAME}`` from the settings) with the settings of
``deploy/dashboard.env``, and nginx runs the site that ``deploy/render.py`` makes of
``deploy/nginx/pmg-dashboard.conf.in``. What differs from a real machine: free ports on
127.0.0.1, a secrets file, store and nginx prefix in a temporary folder, and nginx started
unprivileged in the foreground (as ``nobody`` when run as root) inside a small main
configuration that includes the site; systemd itself is not used.

Every process is started with ``timeout`` (it ends by itself), and stopped by its own PID.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from benchmarks.server import free_port, healthy
from deploy.render import nginx_site
from lib.config import ROOT

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "systemd" / "pmg-dashboard@.service"
SETTINGS = DEPLOY / "dashboard.env"
NGINX = Path("/usr/sbin/nginx")
LIFETIME_S = 3600  # every process ends by itself after this
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ClusterError(RuntimeError):
    """A piece of the cluster did not start or answer."""


# --- the recipe's files -------------------------------------------------------------------------


def read_settings(path: Path = SETTINGS) -> dict[str, str]:
    """The ``KEY=value`` lines of an environment file (systemd's format, no quotes used)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            key, _, value = text.partition("=")
            found[key.strip()] = value.strip()
    return found


def unit_command(port: int, settings: Mapping[str, str], unit: Path = UNIT) -> list[str]:
    """The unit's ``ExecStart`` for instance ``port``: ``%i`` and ``${NAME}`` filled in, its
    ``.../streamlit`` run as ``python -m streamlit`` of this interpreter."""
    line = next(
        text.split("=", 1)[1]
        for text in unit.read_text(encoding="utf-8").splitlines()
        if text.startswith("ExecStart=")
    )
    words = [
        _VARIABLE.sub(lambda m: settings[m.group(1)], word.replace("%i", str(port)))
        for word in shlex.split(line)
    ]
    if not words[0].endswith("/streamlit"):
        raise ClusterError(f"ExecStart does not start streamlit: {line}")
    return [sys.executable, "-m", "streamlit", *words[1:]]


# --- processes -----------------------------------------------------------------------------------


def _wait_for(check: Sequence[object], process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``check[0](*check[1:])`` is true; ``ClusterError`` when the process stops
    or ``START_TIMEOUT_S`` passes."""
    probe, *args = check
    deadline = time.monotonic() + START_TIMEOUT_S
    while not probe(*args):  # type: ignore[operator]
        if process.poll() is not None:
            raise ClusterError(f"{log.name}: the process stopped:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise ClusterError(f"{log.name}: no answer within {START_TIMEOUT_S:.0f} s")
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


@dataclass
class AppServer:
    """One app server: its port, URL and process (``kill`` ends it at once, as a crash)."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The Python process of the server (the child of ``timeout``)."""
        from benchmarks.server import children

        kids = children(self.process.pid)
        return kids[0] if kids else self.process.pid

    def kill(self) -> None:
        """``kill -9`` the server process itself: no clean-up of any kind."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)


def server_environment(
    settings: Mapping[str, str], *, store: Mapping[str, str], secrets_file: Path
) -> dict[str, str]:
    """The environment of an app server: this process's, without its own ``PMG_*`` and
    ``STREAMLIT_*`` settings, plus the recipe's ``settings``, the secrets file and the store
    (``PMG_STORE_DIR`` or ``PMG_STORE_URI``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMG_", "STREAMLIT_"))}
    env.update(settings)
    env.pop("PMG_STORE_URI", None)
    env.update(store)
    env["PMG_SECRETS_FILE"] = str(secrets_file)
    return env


@contextlib.contextmanager
def app_server(port: int, env: Mapping[str, str], log: Path) -> Iterator[AppServer]:
    """Start one app server with the unit's command; yields it once healthy, then stops it."""
    command = ["timeout", str(LIFETIME_S), *unit_command(port, env)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=dict(env), stdout=out, stderr=out)
    server = AppServer(port, process, log)
    try:
        _wait_for((healthy, server.url), process, log)
        yield server
    finally:
        _stop(process)


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


MAIN_CONFIG = """worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {site};
}}
"""


@dataclass
class Nginx:
    """nginx in front of the app servers: its URL and its access log (``upstream=...``)."""

    port: int
    access_log: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def upstreams(self, path_prefix: str) -> list[tuple[str, str]]:
        """(route key, upstream address) of every logged request whose path starts with
        ``path_prefix``, in order."""
        found = []
        for line in self.access_log.read_text(encoding="utf-8").splitlines():
            request = re.search(r'"[A-Z]+ (\S+) ', line)
            upstream = re.search(r"upstream=(\S+)", line)
            route = re.search(r"route=(\S+)", line)
            if request and upstream and route and request.group(1).startswith(path_prefix):
                found.append((route.group(1), upstream.group(1)))
        return found


def _unprivileged() -> list[str]:
    """Run nginx as ``nobody`` when this is root (it needs no privilege on a high port)."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    return []


@contextlib.contextmanager
def nginx(apps: Sequence[str], keep: Path, *, port: int | None = None) -> Iterator[Nginx]:
    """nginx on a free port (or ``port``) in front of ``apps`` (HOST:PORT); yields once it
    listens, then stops it. Its prefix is a new folder under the system's temporary folder
    that ``nobody`` can reach; its configuration and logs are copied to ``keep`` at the end."""
    if not NGINX.is_file():
        raise ClusterError(f"{NGINX} not found: apt-get install nginx-light")
    port = free_port() if port is None else port
    prefix = Path(tempfile.mkdtemp(prefix="pmg-nginx-"))
    try:
        with _running_nginx(apps, prefix, port) as front:
            yield front
    finally:
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("nginx.conf", "pmg-dashboard.conf", "error.log", "access.log", "nginx.out"):
            with contextlib.suppress(OSError):
                shutil.copy(prefix / name, keep / name)
        shutil.rmtree(prefix, ignore_errors=True)


@contextlib.contextmanager
def _running_nginx(apps: Sequence[str], prefix: Path, port: int) -> Iterator[Nginx]:
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / name).mkdir(parents=True, exist_ok=True)
    access = prefix / "access.log"
    site = prefix / "pmg-dashboard.conf"
    site.write_text(
        nginx_site(listen=f"127.0.0.1:{port}", apps=apps, server_name="localhost",
                   access_log=str(access)),
        encoding="utf-8",
    )  # fmt: skip
    main = prefix / "nginx.conf"
    main.write_text(MAIN_CONFIG.format(prefix=prefix, site=site), encoding="utf-8")
    prefix.chmod(0o755)
    user = _unprivileged()
    if user:
        subprocess.run(["chown", "-R", "nobody:nogroup", str(prefix)], check=True)
    base = [*user, str(NGINX), "-p", f"{prefix}/", "-e", str(prefix / "error.log"), "-c", str(main)]
    checked = subprocess.run([*base, "-t"], capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        raise ClusterError(f"nginx -t failed:\n{checked.stderr}")
    log = prefix / "nginx.out"
    with log.open("wb") as out:
        process = subprocess.Popen(["timeout", str(LIFETIME_S), *base], stdout=out, stderr=out)
    try:
        _wait_for((_listening, port), process, log)
        yield Nginx(port, access, process)
    finally:
        _stop(process, signal.SIGQUIT)  # graceful: finish the requests in flight


# --- the whole cluster ---------------------------------------------------------------------------


@dataclass
class Cluster:
    """``servers`` behind ``proxy``, sharing one store."""

    proxy: Nginx | None
    servers: list[AppServer] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Where a browser goes: nginx, or the only server when there is no nginx."""
        return self.proxy.url if self.proxy is not None else self.servers[0].url


def write_secrets(path: Path, text: str = "") -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)
    return path


@contextlib.contextmanager
def cluster(
    folder: Path,
    *,
    servers: int = 2,
    store: Mapping[str, str],
    secrets_text: str = "",
    settings: Mapping[str, str] | None = None,
    proxy: bool = True,
    proxy_port: int | None = None,
) -> Iterator[Cluster]:
    """``servers`` app servers sharing ``store`` (``{"PMG_STORE_DIR": ...}`` or
    ``{"PMG_STORE_URI": ...}``) behind nginx (``proxy``, on ``proxy_port`` or a free port);
    ``settings`` override those of ``deploy/dashboard.env``. The servers are started one after
    the other."""
    recipe = read_settings()
    recipe["STREAMLIT_SERVER_COOKIE_SECRET"] = secrets.token_hex(32)
    recipe["STREAMLIT_SERVER_ALLOWED_HOSTS"] = "127.0.0.1 localhost"
    recipe.update(settings or {})
    folder.mkdir(parents=True, exist_ok=True)
    env = server_environment(
        recipe, store=store, secrets_file=write_secrets(folder / "secrets.toml", secrets_text)
    )
    with contextlib.ExitStack() as stack:
        started = [
            stack.enter_context(app_server(free_port(), env, folder / f"server-{n}.log"))
            for n in range(servers)
        ]
        front = None
        if proxy:
            apps = [f"127.0.0.1:{s.port}" for s in started]
            front = stack.enter_context(nginx(apps, folder / "nginx", port=proxy_port))
        yield Cluster(front, started, env)


def get(
    url: str, *, headers: Mapping[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    """A GET on loopback: (status, headers, body); an HTTP error status is returned, not
    raised. A header sent several times (``Set-Cookie``) has its values joined by ``, ``."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _joined(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, _joined(error.headers), error.read()


def _joined(message: Message) -> dict[str, str]:
    return {name: ", ".join(message.get_all(name) or []) for name in set(message.keys())}
