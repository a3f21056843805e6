"""The contract of the context tables: the curated files meet it, and its rules catch errors."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.codes import (
    BETROUWBAARHEID,
    MISDRIJFSOORTEN,
    ONDERWERPEN,
    REGELINGEN,
    SOORTEN_BRON,
    SOORTEN_DEELNAME,
)
from lib.contract.context import CONTEXT_TABLES
from lib.data.validate import ValidationReport, validate_table


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_context", ROOT / "scripts" / "build_context.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(name: str) -> pl.DataFrame:
    return pl.read_csv(BUNDLED_DATA_DIR / f"{name}.csv", infer_schema=False)


def _refs() -> dict[str, frozenset[str]]:
    return {
        "bevolking": frozenset(_text("bevolking").get_column("gemeentecode").to_list()),
        "misdrijfsoorten": frozenset(_text("misdrijfsoorten").get_column("soort").to_list()),
        "programma": frozenset(_text("programma").get_column("gemeentecode").to_list()),
    }


def _validate(name: str, frame: pl.DataFrame | None = None) -> ValidationReport:
    text = _text(name) if frame is None else frame
    return validate_table(text, CONTEXT_TABLES[name], refs=_refs())


@pytest.mark.parametrize("name", sorted(CONTEXT_TABLES))
def test_curated_table_meets_the_contract(name: str) -> None:
    report = _validate(name)
    assert [(i.code, i.column, i.row, i.value) for i in report.issues] == []
    assert report.frame is not None
    assert report.frame.columns == list(CONTEXT_TABLES[name].names)


def test_every_reference_names_a_context_table_and_column() -> None:
    for table in CONTEXT_TABLES.values():
        for column in table.columns:
            if column.references is not None:
                target, key = column.references
                assert key in CONTEXT_TABLES[target].names
        assert set(table.unique_together) <= set(table.names)


def test_codes_of_the_build_are_the_codes_of_the_contract() -> None:
    script = _load_script()
    assert tuple(o.soort for o in script.OFFENCES) == MISDRIJFSOORTEN
    regelingen = {t.regeling for t in script.TRANCHES.values()} | set(script.SPLIT_SOURCES)
    assert regelingen == set(REGELINGEN)
    assert tuple(script.REGELING_ORDER) == REGELINGEN
    assert {t.soort_deelname for t in script.TRANCHES.values()} == set(SOORTEN_DEELNAME)
    assert set(script.SOORT_BRON.values()) <= set(SOORTEN_BRON)
    assert set(script.BETROUWBAARHEID.values()) <= set(BETROUWBAARHEID)
    facts = {f.onderwerp for group in script.FACTS.values() for f in group}
    assert facts <= set(ONDERWERPEN)


def _with(name: str, row: int, **values: str) -> pl.DataFrame:
    frame = _text(name)
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(v)).otherwise(pl.col(c)).alias(c)
        for c, v in values.items()
    )


@pytest.mark.parametrize(
    ("name", "values", "code", "column"),
    [
        ("misdrijven", {"geregistreerd": "-1"}, "minimum", "geregistreerd"),
        ("misdrijven", {"geregistreerd": "1.5"}, "type_int", "geregistreerd"),
        ("misdrijven", {"jaar": "2011"}, "minimum", "jaar"),
        ("misdrijven", {"jaar": "2036"}, "maximum", "jaar"),
        ("misdrijven", {"soort": "inbraak"}, "enum", "soort"),
        ("misdrijven", {"voorlopig": "misschien"}, "type_bool", "voorlopig"),
        ("misdrijven", {"gemeentecode": "GM9999"}, "reference", "gemeentecode"),
        ("misdrijven", {"soort": "schuurinbraak"}, "duplicate_pair", "soort"),
        ("bevolking", {"pct_15_25": "101"}, "maximum", "pct_15_25"),
        ("bevolking", {"stedelijkheid": "6"}, "maximum", "stedelijkheid"),
        ("bevolking", {"inwoners": ""}, "required", "inwoners"),
        ("bevolking", {"peildatum": "2024-07-01"}, "pattern", "peildatum"),
        ("bevolking", {"peildatum": "2024-01-01"}, "duplicate_pair", "peildatum"),
        ("programma", {"regeling": "regeling_2023"}, "enum", "regeling"),
        ("programma", {"soort_deelname": "bijdrage"}, "enum", "soort_deelname"),
        ("programma", {"gemeentecode": "GM0363"}, "duplicate", "gemeentecode"),
        ("programma", {"bron": "Staatscourant"}, "pattern", "bron"),
        ("misdrijfsoorten", {"cbs_code": "3.1"}, "pattern", "cbs_code"),
        ("gemeente_feiten", {"betrouwbaarheid": "middel-hoog"}, "enum", "betrouwbaarheid"),
        ("gemeente_feiten", {"gemeentecode": "GM0307"}, "reference", "gemeentecode"),
        ("gemeente_feiten", {"bron_datum": "onbekend"}, "pattern", "bron_datum"),
    ],
)
def test_the_rules_catch_a_broken_row(
    name: str, values: dict[str, str], code: str, column: str
) -> None:
    report = _validate(name, _with(name, 0, **values))
    assert not report.ok
    assert report.frame is None
    assert any(i.code == code and i.column == column for i in report.errors)


def test_empty_urbanity_is_allowed_but_not_invented() -> None:
    frame = _validate("bevolking").frame
    assert frame is not None
    by_date = (
        frame.group_by("peildatum").agg(pl.col("stedelijkheid").null_count()).sort("peildatum")
    )
    assert by_date.rows() == [("2023-01-01", 342), ("2024-01-01", 0)]
