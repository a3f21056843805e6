"""The Versies page in words: times in the Netherlands, picker labels, the audit trail for
analysts only."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from lib.contract.codes import Lang
from lib.text import versions

HISTORY = pl.DataFrame(
    {
        "versie": [3, 2, 1, 0],
        "tijdstip": [
            datetime(2026, 11, 30, 13, 2, tzinfo=UTC),
            datetime(2026, 11, 30, 12, 0, tzinfo=UTC),
            datetime(2026, 6, 1, 22, 15, tzinfo=UTC),
            datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
        ],
        "wie": ["a.analist@example.org", "b@example.org", "c@example.org", "systeem"],
        "opmerking": ["Opruimen na test " * 6, "Kwartaal 3", "Eerste upload", "Basis"],
        "actie": ["herstel", "publicatie", "publicatie", "basis"],
        "tabel": [None, "bevolking", "interventies", None],
        "herstel_van": [0, None, None, None],
        "bronbestand": [None, "bevolking_2025.csv", "geheim.xlsx", None],
        "checksum": ["sha256:" + "ab" * 32, "sha256:" + "cd" * 32, None, None],
        "rijen": [115, 684, 4, 115],
    }
)


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("nl", "versie 2 - 30 nov 2026 13:00 - Kwartaal 3"),
        ("en", "version 2 - 30 Nov 2026 13:00 - Kwartaal 3"),
    ],
)
def test_pickers_name_version_time_and_comment_for_analysts(lang: Lang, label: str) -> None:
    labels = versions.version_labels(HISTORY, lang, audit=True)
    assert labels[2] == label
    assert labels[1].split(" - ")[1] == ("2 jun 2026 00:15" if lang == "nl" else "2 Jun 2026 00:15")
    long = labels[3].split(" - ", 2)[2]
    assert len(long) == versions.COMMENT_CHARS
    assert long.endswith("…")


def test_other_readers_see_the_action_instead_of_the_comment() -> None:
    labels = versions.version_labels(HISTORY, "nl", audit=False)
    assert labels[2] == "versie 2 - 30 nov 2026 13:00 - Publicatie"
    assert not any("Kwartaal" in label or "Opruimen" in label for label in labels.values())


def test_the_history_table_keeps_the_audit_trail_for_analysts() -> None:
    shown = versions.history_rows(HISTORY, "nl", audit=True)
    assert shown.columns == ["Versie", "Tijdstip", "Actie", "Rijen", "Wie", "Opmerking",
                             "Bronbestand", "Controlegetal"]  # fmt: skip
    first, second = shown.row(0), shown.row(1)
    assert first[:4] == (3, "30 nov 2026 14:02", "Herstel van versie 0", "115")
    assert second[2] == "Publicatie: Bevolking per gemeente (CBS)"
    assert second[4:] == ("b@example.org", "Kwartaal 3", "bevolking_2025.csv", "cd" * 4)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_history_table_hides_the_audit_trail_from_other_readers(lang: Lang) -> None:
    shown = versions.history_rows(HISTORY, lang, audit=False)
    assert shown.width == 4
    text = " ".join(str(v) for row in shown.rows() for v in row)
    for secret in ("example.org", "Opruimen", "Kwartaal", "geheim.xlsx", "abab"):
        assert secret not in text
    assert shown.get_column(shown.columns[0]).to_list() == [3, 2, 1, 0]
