"""Strings used only by the chart and map builders (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {}
EN: dict[str, str] = {}
