"""Publishing in words: the per-municipality table, the confirmation rule, who is recorded."""

from __future__ import annotations

import polars as pl
import pytest

from lib.data import modes
from lib.data.auth import PASSPHRASE_WHO, who_for
from lib.text.i18n import t
from lib.text.publishing import (
    changes_table,
    municipality_names,
    removals_confirmed,
    typed_count,
)

CHANGES = pl.DataFrame(
    {
        "gemeentecode": ["GM0599", "GM0518", None, "GM9999"],
        "toegevoegd": [2, 2, 1, 0],
        "gewijzigd": [0, 1, 0, 0],
        "verwijderd": [1500, 0, 0, 3],
    }
)
GEMEENTEN = pl.DataFrame({"gemeentecode": ["GM0518", "GM0599"], "naam": ["Den Haag", "Rotterdam"]})
BEVOLKING = pl.DataFrame({"gemeentecode": ["GM0518", "GM0014"],
                          "gemeente": ["'s-Gravenhage", "Groningen"]})  # fmt: skip


def test_names_come_from_the_programme_first_then_from_the_population_table() -> None:
    names = municipality_names(GEMEENTEN, BEVOLKING)
    assert names == {"GM0518": "Den Haag", "GM0599": "Rotterdam", "GM0014": "Groningen"}


@pytest.mark.parametrize(
    ("lang", "header", "rows"),
    [
        (
            "nl",
            ["Gemeente", "Toegevoegd", "Gewijzigd", "Verwijderd"],
            [
                ("Den Haag", "2", "1", "0"),
                ("GM9999", "0", "0", "3"),
                ("Rotterdam", "2", "0", "1.500"),
                ("Gemeente onbekend", "1", "0", "0"),
                ("Totaal", "5", "1", "1.503"),
            ],
        ),
        (
            "en",
            ["Municipality", "Added", "Changed", "Removed"],
            [
                ("Den Haag", "2", "1", "0"),
                ("GM9999", "0", "0", "3"),
                ("Rotterdam", "2", "0", "1,500"),
                ("Municipality unknown", "1", "0", "0"),
                ("Total", "5", "1", "1,503"),
            ],
        ),
    ],
)
def test_the_changes_table_names_municipalities_and_totals(
    lang: str, header: list[str], rows: list[tuple[str, ...]]
) -> None:
    shown = changes_table(CHANGES, municipality_names(GEMEENTEN), lang)  # type: ignore[arg-type]
    assert shown.columns == header
    assert shown.rows() == rows


def test_an_empty_plan_shows_only_the_total() -> None:
    empty = CHANGES.head(0)
    assert changes_table(empty, {}, "nl").rows() == [("Totaal", "0", "0", "0")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("115", 115),
        (" 1.234 ", 1234),
        ("1,234", 1234),
        ("1 234", 1234),
        ("", None),
        ("honderd", None),
        ("-5", None),
        ("12a", None),
    ],
)
def test_a_typed_number(text: str, number: int | None) -> None:
    assert typed_count(text) == number


def plan_removing(removed: int, of: int) -> modes.Plan:
    current = pl.DataFrame({"interventie_id": [f"A-{i}" for i in range(of)],
                            "gemeentecode": ["GA"] * of})  # fmt: skip
    return modes.plan("interventies", current, current.head(of - removed), "alles")


def test_the_button_needs_the_box_and_for_more_than_half_the_typed_number() -> None:
    one = pl.DataFrame({"interventie_id": ["A"], "gemeentecode": ["GA"]})
    other = one.with_columns(interventie_id=pl.lit("B"))
    keeps_all = modes.plan("interventies", one, other, "bijwerken")
    assert keeps_all.removed == 0
    assert keeps_all.added == 1
    assert removals_confirmed(keeps_all, ticked=False, typed="")
    two = plan_removing(2, 4)  # half: the box is enough
    assert not removals_confirmed(two, ticked=False, typed="")
    assert removals_confirmed(two, ticked=True, typed="")
    three = plan_removing(3, 4)  # more than half: the number as well
    assert three.needs_typed_number
    assert not removals_confirmed(three, ticked=True, typed="")
    assert not removals_confirmed(three, ticked=True, typed="2")
    assert not removals_confirmed(three, ticked=False, typed="3")
    assert removals_confirmed(three, ticked=True, typed="3")


@pytest.mark.parametrize(("n", "nl", "en"), [
    (1, "Ik begrijp dat 1 rij wordt verwijderd", "I understand that 1 row will be removed"),
    (115, "Ik begrijp dat 115 rijen worden verwijderd",
     "I understand that 115 rows will be removed"),
    (1234, "Ik begrijp dat 1.234 rijen worden verwijderd",
     "I understand that 1,234 rows will be removed"),
])  # fmt: skip
def test_the_confirmation_names_the_number(n: int, nl: str, en: str) -> None:
    assert t("publish.confirm", "nl", n=n) == nl
    assert t("publish.confirm", "en", n=n) == en


def test_who_is_recorded() -> None:
    assert who_for(email="a.analist@minjenv.nl", logged_in=True) == "a.analist@minjenv.nl"
    assert who_for(email=None, logged_in=False) == PASSPHRASE_WHO
    assert who_for(email="", logged_in=True) == PASSPHRASE_WHO
