"""Where the project's files are and what the ``PMG_*`` settings say: the one loader.

Imports nothing from ``lib``. The command line and the exports read the secrets file through
``load_secrets``; the web app reads the same file through Streamlit (``st.secrets``), which its
sign-in needs anyway, with the same rule for a broken file: a clear error, never silence.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR: Final = ROOT / "data" / "curated"
STREAMLIT_DIR: Final = ROOT / ".streamlit"
SHIPPED_BOUNDARIES: Final = ROOT / "data" / "geo" / "gemeente_2023_gegeneraliseerd_wgs84.geojson"
"""The outlines of all 342 municipalities that come with the repository (CBS/PDOK, 2023)."""

DATA_DIR_VAR: Final = "PMG_DATA_DIR"
STORE_DIR_VAR: Final = "PMG_STORE_DIR"
SECRETS_FILE_VAR: Final = "PMG_SECRETS_FILE"
PASSPHRASE_VAR: Final = "PMG_ANALYST_PASSPHRASE"
TRUSTED_PROXIES_VAR: Final = "PMG_TRUSTED_PROXIES"
UPLOAD_MAX_MB_VAR: Final = "PMG_UPLOAD_MAX_MB"
UPLOAD_MAX_ROWS_VAR: Final = "PMG_UPLOAD_MAX_ROWS"
UPLOAD_MAX_CELL_VAR: Final = "PMG_UPLOAD_MAX_CELL"
VALIDATIONS_AT_ONCE_VAR: Final = "PMG_VALIDATIONS_AT_ONCE"
VALIDATION_WAIT_VAR: Final = "PMG_VALIDATION_WAIT_S"


class ConfigError(Exception):
    """A settings file that cannot be read: the message names the file and the problem."""


def _setting(name: str) -> str:
    return os.environ.get(name, "").strip()


def data_dir() -> Path:
    """The dataset the app reads: ``PMG_DATA_DIR`` when set, else the bundled data."""
    configured = _setting(DATA_DIR_VAR)
    return Path(configured) if configured else BUNDLED_DATA_DIR


def store_dir() -> Path:
    """Where published versions live: ``PMG_STORE_DIR`` when set, else ``data/store``."""
    configured = _setting(STORE_DIR_VAR)
    return Path(configured) if configured else ROOT / "data" / "store"


def secrets_file() -> Path:
    """The secrets file: ``PMG_SECRETS_FILE`` when set, else ``.streamlit/secrets.toml``."""
    configured = _setting(SECRETS_FILE_VAR)
    return Path(configured) if configured else STREAMLIT_DIR / "secrets.toml"


def load_secrets(path: Path | None = None) -> Mapping[str, object]:
    """The secrets (empty when there is no file); ``ConfigError`` for a file that is broken."""
    path = secrets_file() if path is None else path
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error


def trusted_proxies() -> int:
    """How many reverse proxies in front of the app append to ``X-Forwarded-For``
    (``PMG_TRUSTED_PROXIES``); 0, the header is not trusted, when unset or not a count."""
    value = _setting(TRUSTED_PROXIES_VAR)
    return int(value) if value.isdigit() else 0


def analyst_passphrase() -> str:
    """The analyst passphrase given in the environment (``PMG_ANALYST_PASSPHRASE``), or ""."""
    return os.environ.get(PASSPHRASE_VAR, "")


# ----------------------------------------------------------------------------- uploads


@dataclass(frozen=True)
class UploadSettings:
    """The ceilings of an upload and of validating it, from the ``PMG_UPLOAD_*`` settings.

    ``max_mb``: file size in MB (MiB, as Streamlit counts its upload limit); ``max_rows``:
    filled data rows; ``max_cell``: characters in one cell; ``at_once``: validations that one
    server process runs at the same time; ``wait_s``: how long a further one waits for a turn.
    """

    max_mb: int = 200
    max_rows: int = 2_000_000
    max_cell: int = 10_000
    at_once: int = 2
    wait_s: float = 60.0

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 2**20


def _positive(name: str, default: float, *, whole: bool = True) -> float:
    """A positive number setting; ``ConfigError`` naming the setting for anything else."""
    text = _setting(name)
    if not text:
        return default
    try:
        value = int(text.replace("_", "")) if whole else float(text)
    except ValueError as error:
        raise ConfigError(f"{name}={text!r}: not a {'whole ' if whole else ''}number") from error
    if value <= 0:
        raise ConfigError(f"{name}={text!r}: must be more than 0")
    return value


def upload_settings() -> UploadSettings:
    """The upload ceilings (read at call time, so a test or a deployment can set them)."""
    default = UploadSettings()
    return UploadSettings(
        max_mb=int(_positive(UPLOAD_MAX_MB_VAR, default.max_mb)),
        max_rows=int(_positive(UPLOAD_MAX_ROWS_VAR, default.max_rows)),
        max_cell=int(_positive(UPLOAD_MAX_CELL_VAR, default.max_cell)),
        at_once=int(_positive(VALIDATIONS_AT_ONCE_VAR, default.at_once)),
        wait_s=_positive(VALIDATION_WAIT_VAR, default.wait_s, whole=False),
    )
