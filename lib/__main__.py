"""``python -m lib``: see ``lib.cli``."""

from lib.cli import main

raise SystemExit(main())
