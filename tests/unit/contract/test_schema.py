"""The contract itself is consistent: names, keys, codes and references."""

from __future__ import annotations

import re

import pytest

from lib.contract import codes
from lib.contract.codes import PROVINCIES
from lib.contract.schema import REQUIRED_TABLES, TABLES, UPLOADABLE_TABLES, Column

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
COLUMNS = [(t.name, c) for t in TABLES.values() for c in t.columns]
IDS = [f"{t}.{c.name}" for t, c in COLUMNS]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_name_matches_its_key(name: str) -> None:
    assert TABLES[name].name == name


@pytest.mark.parametrize("name", sorted(TABLES))
def test_unique_column_names(name: str) -> None:
    names = TABLES[name].names
    assert len(names) == len(set(names))
    assert all(SNAKE.match(n) for n in names)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_key_is_unique_and_required(name: str) -> None:
    table = TABLES[name]
    if table.key is None:
        assert not any(c.unique for c in table.columns)
        return
    key = table.column(table.key)
    assert key.unique
    assert key.required
    assert key.present == "required"


def test_table_lists_are_known() -> None:
    assert set(REQUIRED_TABLES) <= set(TABLES)
    assert set(UPLOADABLE_TABLES) <= set(TABLES)


ENUMS = {
    name: value
    for name, value in vars(codes).items()
    if name.isupper() and isinstance(value, tuple) and value and isinstance(value[0], str)
}
# Province names are shown as they are (official names, not codes with a name in LABELS).
NAME_LISTS = {"PROVINCIES"}


def test_the_code_lists_are_found() -> None:
    assert {"STATUSSEN", "DOELGROEPEN", "THEMAS", "PIJLERS", "PROVINCIES"} <= set(ENUMS)


def test_every_enum_of_the_contract_is_a_code_list() -> None:
    enums = {c.enum for _, c in COLUMNS if c.enum is not None}
    assert enums <= set(ENUMS.values())


@pytest.mark.parametrize("name", sorted(set(ENUMS) - NAME_LISTS))
def test_enum_codes_are_lowercase_snake_case(name: str) -> None:
    codes = ENUMS[name]
    assert [c for c in codes if not SNAKE.match(c)] == []
    assert len(codes) == len(set(codes))


def test_provinces_are_the_twelve() -> None:
    assert len(PROVINCIES) == len(set(PROVINCIES)) == 12
    assert "Fryslân" in PROVINCIES


def test_subsets_of_enums() -> None:
    assert set(codes.UITGEVOERD) <= set(codes.STATUSSEN)
    assert set(codes.STERK_BEWIJS) <= set(codes.BEWIJS)


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=IDS)
def test_column_rules_fit_the_type(table: str, column: Column) -> None:
    assert column.description_nl.strip()
    assert column.description_en.strip()
    if column.minimum is not None or column.maximum is not None:
        assert column.dtype in ("int", "float")
    if column.minimum is not None and column.maximum is not None:
        assert column.minimum < column.maximum
    if column.enum is not None or column.pattern is not None or column.multi:
        assert column.dtype == "str"
    if column.pattern is not None:
        re.compile(column.pattern)
    if column.required:
        assert column.present == "required", "a required value needs a required column"


@pytest.mark.parametrize(
    ("table", "column"),
    [(t, c) for t, c in COLUMNS if c.references is not None],
    ids=[i for i, (_, c) in zip(IDS, COLUMNS, strict=True) if c.references is not None],
)
def test_references_point_to_a_key(table: str, column: Column) -> None:
    assert column.references is not None
    target, target_column = column.references
    assert target in TABLES
    assert target_column in TABLES[target].names
    # the loader builds the lookup from the key of the referenced table or, for a table
    # without one (population, one row per municipality and date), the column referred to
    assert TABLES[target].key in (target_column, None)
    assert TABLES[target].key == target_column or target_column in TABLES[target].unique_together
    assert target != table


def test_there_are_references() -> None:
    refs = {(t, c.name): c.references for t, c in COLUMNS if c.references}
    assert refs[("interventies", "factoren")] == ("factoren", "factor")
    assert refs[("interventies", "gemeentecode")] == ("gemeenten", "gemeentecode")
