"""Fill in the nginx template of the deployment (standard library only).

    python3 deploy/render.py nginx --listen 80 --server-name dashboard.example.org \
        --app 127.0.0.1:8501 --app 127.0.0.1:8502 > /etc/nginx/conf.d/pmg-dashboard.conf

Every ``@NAME@`` of ``deploy/nginx/pmg-dashboard.conf.in`` is replaced; a name left over is an
error. The tests render the same template on free ports.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "pmg-dashboard.conf.in"
_NAME = re.compile(r"@([A-Z_]+)@")


def _address(value: str) -> str:
    host, _, port = value.rpartition(":")
    if (
        not host
        or not port.isdigit()
        or not 0 < int(port) < 65536
        or any(c.isspace() for c in host)
    ):
        raise argparse.ArgumentTypeError(f"{value}: not HOST:PORT")
    return value


def nginx_site(
    *,
    listen: str,
    apps: Sequence[str],
    server_name: str = "_",
    access_log: str = "/var/log/nginx/pmg-dashboard.access.log",
    max_upload_mb: int = 200,
    template: Path = TEMPLATE,
) -> str:
    """The nginx site for ``apps`` (HOST:PORT of each app server) on ``listen``."""
    if not apps:
        raise ValueError("at least one app server is needed")
    values = {
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "ACCESS_LOG": access_log,
        "MAX_UPLOAD_MB": str(max_upload_mb),
        "SERVERS": "\n".join(
            f"    server {_address(app)} max_fails=1 fail_timeout=10s;" for app in apps
        ),
    }
    text = template.read_text(encoding="utf-8")
    missing = sorted(set(_NAME.findall(text)) - set(values))
    if missing:
        raise ValueError(f"the template has names without a value: {missing}")
    return _NAME.sub(lambda m: values[m.group(1)], text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    nginx = sub.add_parser("nginx", help="the nginx site (http context)")
    nginx.add_argument("--listen", default="80", help="nginx's listen argument (default 80)")
    nginx.add_argument("--server-name", default="_", help="the public host name")
    nginx.add_argument("--app", action="append", type=_address, required=True,
                       help="HOST:PORT of an app server (repeat for each)")  # fmt: skip
    nginx.add_argument("--access-log", default="/var/log/nginx/pmg-dashboard.access.log")
    nginx.add_argument("--max-upload-mb", type=int, default=200)
    args = parser.parse_args(argv)
    sys.stdout.write(
        nginx_site(
            listen=args.listen,
            apps=args.app,
            server_name=args.server_name,
            access_log=args.access_log,
            max_upload_mb=args.max_upload_mb,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
