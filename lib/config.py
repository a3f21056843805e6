"""Locations of the project's files. Imports nothing from lib."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR = ROOT / "data" / "curated"
STREAMLIT_DIR = ROOT / ".streamlit"


def data_dir() -> Path:
    """The dataset the app reads: ``PMG_DATA_DIR`` when set, else the bundled data."""
    configured = os.environ.get("PMG_DATA_DIR", "").strip()
    return Path(configured) if configured else BUNDLED_DATA_DIR


def store_dir() -> Path:
    """Where published versions live: ``PMG_STORE_DIR`` when set, else ``data/store``."""
    configured = os.environ.get("PMG_STORE_DIR", "").strip()
    return Path(configured) if configured else ROOT / "data" / "store"
