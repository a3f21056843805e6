"""The Versies page in words: the history of versions as a table and the labels of the
version pickers, with times in the Netherlands.

The audit trail (who published a version, why, from which file, its checksum) is for
analysts: ``audit=False`` leaves it out, for every other reader of the page.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from lib.contract.codes import Lang
from lib.text.formats import fmt_int, fmt_moment
from lib.text.i18n import t

COMMENT_CHARS: Final = 60
"""The length of a comment in a picker's label (longer ones end with an ellipsis)."""
CHECKSUM_CHARS: Final = 8
"""The characters of a checksum shown in the table (enough to tell two versions apart)."""


def _action(action: str, lang: Lang) -> str:
    names = {
        "basis": t("store.action.basis", lang),
        "publicatie": t("store.action.publicatie", lang),
        "herstel": t("store.action.herstel", lang),
    }
    return names.get(action, action)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def version_label(row: dict[str, object], lang: Lang, *, audit: bool) -> str:
    """``versie 5 - 30 nov 2026 14:02 - <comment>`` (for analysts) or ``... - Publicatie``."""
    moment = fmt_moment(row["tijdstip"], lang)  # type: ignore[arg-type]
    action = _action(str(row["actie"]), lang)
    comment = str(row.get("opmerking") or "").strip()
    last = _short(comment, COMMENT_CHARS) if audit and comment else action
    return f"{t('versions.label', lang, versie=row['versie'])} - {moment} - {last}"


def version_labels(history: pl.DataFrame, lang: Lang, *, audit: bool) -> dict[int, str]:
    """Version number -> its picker label, for every row of ``Store.history``."""
    return {
        int(row["versie"]): version_label(row, lang, audit=audit)
        for row in history.iter_rows(named=True)
    }


def table_name(table: str | None, lang: Lang) -> str:
    """The table a version published (version 0 and a restore hold the interventions)."""
    return t(f"upload.table.{table or 'interventies'}", lang)


def what_happened(row: dict[str, object], lang: Lang) -> str:
    """``Publicatie: Interventies``, ``Herstel van versie 3`` or ``Basis (...)``."""
    action, source = str(row["actie"]), row.get("herstel_van")
    if action == "herstel" and source is not None:
        return t("versions.restored_from", lang, versie=source)
    if action == "publicatie":
        return f"{_action(action, lang)}: {table_name(row.get('tabel'), lang)}"  # type: ignore[arg-type]
    return _action(action, lang)


def history_rows(history: pl.DataFrame, lang: Lang, *, audit: bool) -> pl.DataFrame:
    """One row per version, newest first, headed in ``lang``: version, time in the
    Netherlands, what happened (action and table), rows; for analysts also who, comment,
    file and checksum.
    ``history`` has the ``rijen`` of the published table (``versions.published_rows``)."""
    rows = []
    for row in history.iter_rows(named=True):
        line = [
            int(row["versie"]),
            fmt_moment(row["tijdstip"], lang),
            what_happened(row, lang),
            fmt_int(row["rijen"], lang) if row["rijen"] is not None else "",
        ]
        if audit:
            checksum = str(row["checksum"] or "").removeprefix("sha256:")
            line += [
                str(row["wie"] or ""),
                str(row["opmerking"] or ""),
                str(row["bronbestand"] or ""),
                checksum[:CHECKSUM_CHARS],
            ]
        rows.append(line)
    headers = history_headers(lang, audit=audit)
    schema = {h: (pl.Int64 if i == 0 else pl.String) for i, h in enumerate(headers)}
    return pl.DataFrame(rows, schema=schema, orient="row")


def history_headers(lang: Lang, *, audit: bool) -> list[str]:
    """The headers of ``history_rows``."""
    keys = [
        "versions.view.label",
        "versions.column.time",
        "versions.column.action",
        "versions.column.rows",
    ]
    if audit:
        keys += [
            "versions.column.who",
            "versions.column.comment",
            "versions.column.source_file",
            "versions.column.checksum",
        ]
    return [t(key, lang) for key in keys]
