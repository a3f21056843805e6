"""A real S3-compatible server on loopback for tests: moto's standalone server (``moto[server]``,
a test dependency), started on a free port under ``timeout`` and stopped by its PID.

moto keeps everything in memory and accepts any credentials; it refuses to create an object
that exists when asked with ``If-None-Match: *`` (a conditional put), as S3 does, which is what
keeps two writers' Delta commits apart. ``conditional_put_ignored`` puts a proxy in front of it
that drops that header, to stand for a store that does not enforce it.

Usage::

    with running_s3_server(tmp_path) as s3:
        root = s3.new_bucket()            # "s3://<fresh bucket>"
        store = Store(root + "/pmg", options=s3.options)
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from pathlib import Path
from typing import Any

SECONDS = 1800
"""Upper bound on the life of a server (``timeout``), should a test run be killed."""
_BUCKETS = count()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class S3Server:
    """A running server: its endpoint and what a client needs to reach it."""

    endpoint: str
    pid: int
    log: Path
    prefix: str = field(default_factory=lambda: f"t{os.getpid()}-{time.monotonic_ns() % 10**9}")

    @property
    def options(self) -> dict[str, str]:
        """Storage options for ``deltalake``/Polars (the store's ``options``)."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_REGION": "us-east-1",
            "AWS_ALLOW_HTTP": "true",
        }

    def env(self) -> dict[str, str]:
        """The environment of a child process that reaches the server through ``AWS_*``."""
        return {**os.environ, **self.options}

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        """A new, empty bucket: its ``s3://`` URI."""
        name = f"{self.prefix}-{next(_BUCKETS)}"
        self.client().create_bucket(Bucket=name)
        return f"s3://{name}"


@contextmanager
def running_s3_server(folder: Path) -> Iterator[S3Server]:
    """moto's server on ``127.0.0.1`` and a free port; its log goes to ``folder``."""
    port = free_port()
    log = folder / f"moto-{port}.log"
    command = ["timeout", str(SECONDS), sys.executable, "-m", "moto.server"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = S3Server(f"http://127.0.0.1:{port}", process.pid, log)
    try:
        _wait_until_up(server.endpoint, process, log)
        yield server
    finally:
        _stop(process)


def _wait_until_up(endpoint: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server ended: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(endpoint + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"moto server did not answer within 60 s: {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server by its PID: the process group it leads (``timeout`` and moto)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


# ----------------------------------------------------------------------------- a careless store


class _Forward(BaseHTTPRequestHandler):
    """Passes every request on to ``upstream`` unchanged, but without ``If-None-Match``."""

    upstream: tuple[str, int] = ("127.0.0.1", 0)
    protocol_version = "HTTP/1.1"

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() != "if-none-match"}
        connection = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

    def log_message(self, format: str, *args: object) -> None:
        dropped = self.headers.get("If-None-Match") if self.headers else None
        sys.stderr.write(f"{format % args} (If-None-Match dropped: {dropped})\n")


@contextmanager
def conditional_put_ignored(server: S3Server, folder: Path) -> Iterator[str]:
    """A proxy in front of ``server`` that drops ``If-None-Match``: its endpoint. It runs in a
    process of its own: delta-rs's object store client holds the GIL while it waits for an
    answer, so a proxy thread in the test's process would never get to answer."""
    port = free_port()
    upstream = server.endpoint.removeprefix("http://")
    log = folder / f"proxy-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["timeout", str(SECONDS), sys.executable, __file__, upstream, str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(endpoint, process, log)
        yield endpoint
    finally:
        _stop(process)


def _serve_proxy(upstream: str, port: int) -> None:
    host, upstream_port = upstream.split(":")

    class Handler(_Forward):
        pass

    Handler.upstream = (host, int(upstream_port))
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":  # the proxy of ``conditional_put_ignored``: UPSTREAM PORT
    _serve_proxy(sys.argv[1], int(sys.argv[2]))
