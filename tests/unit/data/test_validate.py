"""``validate_table``: every issue code, spreadsheet row numbers (header = row 1), typing."""

from __future__ import annotations

import io
import re

import polars as pl
import pytest

from lib.contract.schema import TABLES
from lib.data.validate import Issue, validate_table
from lib.text.reports import issue_message

INTERVENTIES = TABLES["interventies"]
GEMEENTEN = TABLES["gemeenten"]
REFS = {
    "gemeenten": frozenset({"GM0001", "GM0002"}),
    "factoren": frozenset({"risico_a", "risico_b"}),
}
I_HEAD = (
    "interventie_id,gemeentecode,naam,thema,status,doelgroep,startjaar,bereik,budget_eur,"
    "factoren,monitoringplan"
)
I_OK = "X-001,GM0001,Straatcoaches,jongerenwerk,afgerond,jongeren,2022,10,1000.50,risico_a,ja"
G_HEAD = "gemeentecode,gemeente,provincie,lat,lon,golf,instroomjaar,botoc"
G_OK = "GM0001,Alfa,Utrecht,52.1,5.1,golf1_2022,2022,true"

ALL_CODES = {
    "missing_column",
    "unknown_column",
    "required",
    "type_int",
    "type_float",
    "type_bool",
    "enum",
    "minimum",
    "maximum",
    "pattern",
    "duplicate",
    "duplicate_pair",
    "reference",
}


def frame(*lines: str) -> pl.DataFrame:
    return pl.read_csv(io.StringIO("\n".join(lines) + "\n"), infer_schema=False)


def interventie(**cells: str) -> str:
    """A valid intervention row with some cells replaced."""
    values = dict(zip(I_HEAD.split(","), I_OK.split(","), strict=True))
    values.update(cells)
    return ",".join(f'"{v}"' for v in values.values())


def gemeente(**cells: str) -> str:
    values = dict(zip(G_HEAD.split(","), G_OK.split(","), strict=True))
    values.update(cells)
    return ",".join(f'"{v}"' for v in values.values())


def found(text: pl.DataFrame, table: str) -> set[tuple[int | None, str | None, str]]:
    report = validate_table(text, TABLES[table], refs=REFS)
    return {(i.row, i.column, i.code) for i in report.issues}


CASES = [
    # id, table, frame, expected {(row, column, code)}
    (
        "missing_column",
        "interventies",
        frame("interventie_id,gemeentecode,naam,thema", "X-001,GM0001,N,gezin"),
        {(None, "status", "missing_column")},
    ),
    (
        "unknown_column",
        "interventies",
        frame(I_HEAD + ",opmerking", interventie() + ",hallo"),
        {(None, "opmerking", "unknown_column")},
    ),
    (
        "required",
        "interventies",
        frame(
            I_HEAD,
            interventie(),
            interventie(interventie_id="X-002", naam="   "),
            interventie(interventie_id="X-003", status=""),
        ),
        {(3, "naam", "required"), (4, "status", "required")},
    ),
    (
        "type_int",
        "interventies",
        frame(
            I_HEAD,
            interventie(startjaar="2022.5"),
            interventie(interventie_id="X-2", bereik="tien"),
        ),
        {(2, "startjaar", "type_int"), (3, "bereik", "type_int")},
    ),
    (
        "type_float",
        "interventies",
        frame(I_HEAD, interventie(budget_eur="veel")),
        {(2, "budget_eur", "type_float")},
    ),
    (
        "type_float_gemeenten",
        "gemeenten",
        frame(G_HEAD, gemeente(), gemeente(gemeentecode="GM0002", lon="oost")),
        {(3, "lon", "type_float")},
    ),
    (
        "type_bool",
        "interventies",
        frame(I_HEAD, interventie(monitoringplan="misschien")),
        {(2, "monitoringplan", "type_bool")},
    ),
    (
        "type_bool_required",
        "gemeenten",
        frame(G_HEAD, gemeente(botoc="wel")),
        {(2, "botoc", "type_bool")},
    ),
    (
        "enum",
        "interventies",
        frame(
            I_HEAD,
            interventie(thema="Gezin"),
            interventie(interventie_id="X-2", status="klaar"),
            interventie(interventie_id="X-3", doelgroep="pubers"),
        ),
        {(2, "thema", "enum"), (3, "status", "enum"), (4, "doelgroep", "enum")},
    ),
    (
        "enum_provincie_and_golf",
        "gemeenten",
        frame(G_HEAD, gemeente(provincie="Brabant", golf="golf2")),
        {(2, "provincie", "enum"), (2, "golf", "enum")},
    ),
    (
        "minimum",
        "interventies",
        frame(
            I_HEAD,
            interventie(bereik="-1"),
            interventie(interventie_id="X-2", budget_eur="-0.01"),
            interventie(interventie_id="X-3", startjaar="2017"),
        ),
        {(2, "bereik", "minimum"), (3, "budget_eur", "minimum"), (4, "startjaar", "minimum")},
    ),
    (
        "maximum",
        "interventies",
        frame(I_HEAD, interventie(startjaar="2036")),
        {(2, "startjaar", "maximum")},
    ),
    (
        "minimum_maximum_float",
        "gemeenten",
        frame(G_HEAD, gemeente(lat="50.6"), gemeente(gemeentecode="GM0002", lon="7.4")),
        {(2, "lat", "minimum"), (3, "lon", "maximum")},
    ),
    (
        "pattern",
        "gemeenten",
        frame(G_HEAD, gemeente(gemeentecode="GM123"), gemeente(gemeentecode="gm0002")),
        {(2, "gemeentecode", "pattern"), (3, "gemeentecode", "pattern")},
    ),
    (
        "pattern_and_reference",
        "interventies",
        frame(I_HEAD, interventie(gemeentecode="0001")),
        {(2, "gemeentecode", "pattern"), (2, "gemeentecode", "reference")},
    ),
    (
        "duplicate",
        "interventies",
        frame(I_HEAD, interventie(), interventie(interventie_id="X-002"), interventie()),
        {(2, "interventie_id", "duplicate"), (4, "interventie_id", "duplicate")},
    ),
    (
        "duplicate_after_trimming",
        "gemeenten",
        frame(G_HEAD, gemeente(), gemeente(gemeentecode=" GM0001 ")),
        {(2, "gemeentecode", "duplicate"), (3, "gemeentecode", "duplicate")},
    ),
    (
        "reference",
        "interventies",
        frame(I_HEAD, interventie(gemeentecode="GM0009")),
        {(2, "gemeentecode", "reference")},
    ),
    (
        "reference_multi",
        "interventies",
        frame(
            I_HEAD,
            interventie(factoren="risico_a|onbekend"),
            interventie(interventie_id="X-2", factoren=" risico_b | risico_a "),
            interventie(interventie_id="X-3", factoren="fout1|risico_b|fout2"),
        ),
        {(2, "factoren", "reference"), (4, "factoren", "reference")},
    ),
    (
        "duplicate_pair",
        "voortgang",
        frame(
            "interventie_id,periode,status",
            "X-1,2023-Q1,gepland",
            "X-1,2023-Q2,afgerond",
            "X-2,2023-Q1,gepland",
            'X-1," 2023-Q1",afgerond',
            "X-1,,gepland",
        ),
        {
            (2, "periode", "duplicate_pair"),
            (5, "periode", "duplicate_pair"),
            (6, "periode", "required"),
        },
    ),
    (
        "every_error_at_once",
        "interventies",
        frame(
            I_HEAD,
            interventie(thema="x", bereik="-5"),
            interventie(interventie_id="X-2"),
            interventie(interventie_id="X-3", gemeentecode="GM0009", monitoringplan="?"),
        ),
        {
            (2, "thema", "enum"),
            (2, "bereik", "minimum"),
            (4, "gemeentecode", "reference"),
            (4, "monitoringplan", "type_bool"),
        },
    ),
]


@pytest.mark.parametrize(
    ("table", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_issues(table: str, text: pl.DataFrame, expected: set[tuple[int | None, str, str]]) -> None:
    assert found(text, table) == expected


def test_cases_cover_every_issue_code() -> None:
    assert {code for case in CASES for _, _, code in case[3]} == ALL_CODES


def test_multi_valued_reference_names_each_bad_code() -> None:
    text = frame(I_HEAD, interventie(factoren="fout1|risico_b| fout2 "))
    report = validate_table(text, INTERVENTIES, refs=REFS)
    assert [(i.row, i.value, dict(i.params)) for i in report.issues] == [
        (2, "fout1", {"table": "factoren"}),
        (2, "fout2", {"table": "factoren"}),
    ]


def test_issue_carries_the_value_and_sorts_by_row_then_column() -> None:
    text = frame(
        I_HEAD,
        interventie(status="klaar", thema="x"),
        interventie(interventie_id="X-2", startjaar="1999"),
    )
    report = validate_table(text, INTERVENTIES, refs=REFS)
    assert [(i.row, i.column, i.value) for i in report.issues] == [
        (2, "thema", "x"),
        (2, "status", "klaar"),
        (3, "startjaar", "1999"),
    ]
    assert report.frame is None
    assert not report.ok


def test_unknown_column_is_only_a_warning() -> None:
    report = validate_table(frame(I_HEAD + ",opmerking", interventie() + ",x"), INTERVENTIES)
    assert report.ok
    assert [i.severity for i in report.issues] == ["warning"]
    assert report.warnings == report.issues
    assert report.errors == ()
    assert report.frame is not None
    assert "opmerking" not in report.frame.columns


def test_missing_optional_column_is_fine() -> None:
    text = frame("interventie_id,gemeentecode,naam,thema,status", "X-1,GM0001,N,gezin,gepland")
    report = validate_table(text, INTERVENTIES, refs=REFS)
    assert report.issues == ()
    assert report.frame is not None


def test_missing_column_is_an_error_without_frame() -> None:
    report = validate_table(frame("interventie_id", "X-1"), INTERVENTIES)
    assert report.frame is None
    assert {i.column for i in report.errors} == {"gemeentecode", "naam", "thema", "status"}
    assert all(i.row is None for i in report.errors)


def test_valid_frame_is_typed() -> None:
    text = frame(
        I_HEAD,
        interventie(),
        interventie(
            interventie_id="X-2",
            startjaar=" 2023 ",
            bereik="",
            budget_eur="12",
            monitoringplan="NEE",
            doelgroep="",
        ),
        interventie(interventie_id="X-3", monitoringplan="", factoren=""),
    )
    report = validate_table(text, INTERVENTIES, refs=REFS)
    assert report.issues == ()
    typed = report.frame
    assert typed is not None
    assert typed.schema["startjaar"] == pl.Int64
    assert typed.schema["bereik"] == pl.Int64
    assert typed.schema["budget_eur"] == pl.Float64
    assert typed.schema["monitoringplan"] == pl.Boolean
    assert typed.schema["naam"] == pl.String
    assert typed.get_column("startjaar").to_list() == [2022, 2023, 2022]
    assert typed.get_column("bereik").to_list() == [10, None, 10]
    assert typed.get_column("budget_eur").to_list() == [1000.5, 12.0, 1000.5]
    assert typed.get_column("monitoringplan").to_list() == [True, False, None]
    assert typed.get_column("doelgroep").to_list() == ["jongeren", None, "jongeren"]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("true", True),
        ("Ja", True),
        ("JA", True),
        ("waar", True),
        ("1", True),
        ("x", True),
        ("false", False),
        ("nee", False),
        ("Onwaar", False),
        ("0", False),
        ("n", False),
    ],
)
def test_bool_words(word: str, value: bool) -> None:
    report = validate_table(frame(G_HEAD, gemeente(botoc=word)), GEMEENTEN)
    assert report.frame is not None
    assert report.frame.get_column("botoc").to_list() == [value]
    assert report.frame.schema["lat"] == pl.Float64
    assert report.frame.schema["instroomjaar"] == pl.Int64


def test_header_only_is_valid_and_empty() -> None:
    report = validate_table(frame(I_HEAD), INTERVENTIES, refs=REFS)
    assert report.ok
    assert report.frame is not None
    assert report.frame.height == 0


def test_references_are_skipped_when_the_table_is_unknown() -> None:
    report = validate_table(frame(I_HEAD, interventie(gemeentecode="GM0009")), INTERVENTIES)
    assert report.ok


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_issue_has_a_message(case: tuple, lang: str) -> None:
    _, table, text, _ = case
    report = validate_table(text, TABLES[table], refs=REFS)
    assert report.issues
    for issue in report.issues:
        message = issue_message(issue, lang)  # type: ignore[arg-type]
        assert message.strip()
        assert "{" not in message
        assert "}" not in message
        if issue.code in ("missing_column", "unknown_column", "required", "duplicate"):
            assert f"'{issue.column}'" in message


def test_messages_differ_per_language() -> None:
    for code in sorted(ALL_CODES):
        params = {
            "allowed": "a",
            "minimum": 0,
            "maximum": 9,
            "pattern": "p",
            "table": "t",
            "kolommen": "'a' + 'b'",
        }
        issue = Issue(code, "kolom", 2, "v", params=params)
        assert issue_message(issue, "nl") != issue_message(issue, "en"), code


# ----------------------------------------------------------------------------- known bugs


def test_decimal_comma_from_the_dutch_message_is_accepted() -> None:
    hint = issue_message(Issue("type_float", "budget_eur", 2, "x"), "nl")
    example = re.search(r"\d+,\d+", hint)
    assert example is not None
    report = validate_table(frame(I_HEAD, interventie(budget_eur=example.group())), INTERVENTIES)
    assert report.ok


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_nan_and_infinity_are_not_numbers(value: str) -> None:
    assert found(frame(I_HEAD, interventie(budget_eur=value)), "interventies") == {
        (2, "budget_eur", "type_float")
    }


@pytest.mark.parametrize("value", ["risico_a|", "risico_a||risico_b", "|risico_b"])
def test_empty_parts_of_a_multi_valued_cell_are_ignored(value: str) -> None:
    assert found(frame(I_HEAD, interventie(factoren=value)), "interventies") == set()


def test_pattern_accepts_only_ascii_digits() -> None:
    code = "GM\u0660\u0663\u0666\u0663"
    assert found(frame(G_HEAD, gemeente(gemeentecode=code)), "gemeenten") == {
        (2, "gemeentecode", "pattern")
    }


def test_dutch_message_uses_a_decimal_comma() -> None:
    report = validate_table(frame(G_HEAD, gemeente(lat="50.0")), GEMEENTEN)
    (issue,) = report.issues
    assert issue.code == "minimum"
    assert "50,7" in issue_message(issue, "nl")
    assert "50.7" in issue_message(issue, "en")
