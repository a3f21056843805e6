"""``personal_data_issues``: which columns look like personal data, and which do not."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

import polars as pl
import pytest

from lib.contract.schema import INTERVENTIES
from lib.data.ingest import privacy
from lib.data.ingest.privacy import personal_data_issues
from lib.text.reports import issue_message

TODAY = date(2025, 6, 30)


def eleven_test(number: str) -> bool:
    """The BSN 11-test written out plainly, to check the vectorised one against."""
    digits = number.zfill(9)
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def kinds(
    column: str, values: Sequence[str | None], contract: Collection[str] | None = None
) -> list[str]:
    frame = pl.DataFrame({column: list(values)}, schema={column: pl.String})
    issues = personal_data_issues(frame, today=TODAY, contract=contract)
    assert all(i.code == "personal_data" and i.column == column for i in issues)
    assert all(i.row is None and i.value is None and i.severity == "error" for i in issues)
    return [str(i.params["kind"]) for i in issues]


def test_the_example_numbers_are_what_the_cases_say() -> None:
    assert all(eleven_test(n) for n in ("111222333", "123456782", "012345672", "14105718"))
    assert not any(eleven_test(n) for n in ("123456789", "987654321", "23456782"))


CASES = [
    # id, column, values, expected kinds
    ("bsn", "nummer", ["111222333", "123456782", "012345672"], ["bsn"]),
    ("bsn_8_digits", "nummer", ["14105718", "12345672"], ["bsn"]),
    ("bsn_with_dots", "nummer", ["1112.22.333", "1234 56 782"], ["bsn"]),
    ("bsn_half", "nummer", ["111222333", "onbekend"], ["bsn"]),
    ("bsn_minority", "nummer", ["111222333", "abc", "def"], []),
    ("nine_digits_failing_11_test", "nummer", ["123456789", "987654321"], []),
    ("zeros", "nummer", ["000000000"], []),
    ("bsn_by_name", "BSN", ["onbekend"], ["bsn"]),
    ("bsn_by_name_suffix", "bsn_jongere", ["?"], ["bsn"]),
    ("email", "contact", ["jan@example.nl", "p.de.vries@gemeente.example"], ["email"]),
    ("email_in_text", "opmerking", ["Mail: info@gemeente.example"], ["email"]),
    ("email_half", "opmerking", ["jan@example.nl", "geen"], ["email"]),
    ("email_minority", "opmerking", ["jan@example.nl", "geen", "niets"], []),
    ("at_sign_only", "opmerking", ["@home", "a@b"], []),
    ("mobile", "tel", ["06-12345678", "0612345678"], ["telefoon"]),
    ("international", "tel", ["+31 6 12345678", "0031 (0)20 123 4567"], ["telefoon"]),
    ("landline", "tel", ["010-1234567", "(010) 123 45 67"], ["telefoon"]),
    ("not_phone", "getal", ["2023", "12500.50", "-5"], []),
    ("dob_by_name", "Geboortedatum", ["onbekend"], ["geboortedatum"]),
    ("dob_by_short_name", "geb_datum", ["01-01-2010"], ["geboortedatum"]),
    ("dob_english", "Date of birth", ["2010-01-01"], ["geboortedatum"]),
    ("dob_dob", "DOB", ["2010-01-01"], ["geboortedatum"]),
    ("dob_values_iso", "dag", ["2009-04-12", "2010-10-01"], ["geboortedatum"]),
    ("date_is_not_bsn", "dag", ["01-01-2010", "01-01-2010"], ["geboortedatum"]),
    ("dob_before_bsn_by_name", "geboortedatum", ["111222333"], ["geboortedatum"]),
    ("dob_values_nl", "dag", ["03-05-2010", "17/11/2008", "1.2.2009"], ["geboortedatum"]),
    ("dob_values_excel_time", "dag", ["2010-05-03 00:00:00"], ["geboortedatum"]),
    ("dates_too_old", "dag", ["1970-01-01", "1980-05-05"], []),
    ("dates_in_future", "dag", ["2030-01-01"], []),
    ("impossible_dates", "dag", ["2010-13-01", "2010-01-32"], []),
    ("programme_date_name", "startdatum", ["2023-01-01", "2024-09-01"], []),
    ("empty_bsn_column", "bsn", [None, "", "  "], []),
    ("ordinary_text", "naam", ["Straatcoaches", "Geldlessen"], []),
    ("codes", "gemeentecode", ["GM0518", "GM0599"], []),
]


@pytest.mark.parametrize(
    ("column", "values", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_kinds(column: str, values: list[str | None], expected: list[str]) -> None:
    assert kinds(column, values) == expected


def test_dates_in_a_contract_column_are_not_dates_of_birth() -> None:
    values = ["2009-04-12", "2010-10-01"]
    # "datum" is a column of the contract (tijdlijn) ...
    assert kinds("datum", values) == []
    # ... but not of the table being uploaded
    assert kinds("datum", values, contract=INTERVENTIES.names) == ["geboortedatum"]


def test_today_decides_the_age() -> None:
    frame = pl.DataFrame({"dag": ["1990-01-01", "1991-03-03"]})
    assert personal_data_issues(frame, today=date(2015, 1, 1))
    assert personal_data_issues(frame, today=date(2030, 1, 1)) == []


def test_one_issue_per_column_and_every_column_checked() -> None:
    frame = pl.DataFrame(
        {
            "naam": ["a", "b"],
            "mail": ["a@example.nl", "b@example.nl"],
            "nummer": ["111222333", "123456782"],
            "tel": ["06-12345678", "06-87654321"],
        }
    )
    found = [(i.column, i.params["kind"]) for i in personal_data_issues(frame, today=TODAY)]
    assert found == [("mail", "email"), ("nummer", "bsn"), ("tel", "telefoon")]


def test_non_text_and_empty_frames() -> None:
    assert personal_data_issues(pl.DataFrame({"n": [111222333]}), today=TODAY) == []
    assert personal_data_issues(pl.DataFrame({"bsn": []}, schema={"bsn": pl.String})) == []


def test_message() -> None:
    frame = pl.DataFrame({"nummer": ["111222333"]})
    (issue,) = personal_data_issues(frame, today=TODAY)
    assert issue_message(issue, "nl") == (
        "Kolom 'nummer' lijkt persoonsgegevens te bevatten (BSN). Verwijder deze kolom; "
        "het bestand is niet opgeslagen."
    )
    assert issue_message(issue, "en") == (
        "Column 'nummer' seems to contain personal data (citizen service number, BSN). Remove "
        "this column; the file has not been saved."
    )


def test_the_vectorised_11_test_agrees_with_the_plain_one() -> None:
    numbers = [f"{n:09d}" for n in range(100000000, 100000000 + 2000 * 37, 37)]
    expected = [n for n in numbers if eleven_test(n)]
    assert 100 < len(expected) < 300
    for number in numbers[:200]:
        found = kinds("nummer", [number])
        assert found == (["bsn"] if eleven_test(number) else []), number


# --- large files: a sample rules columns out before the full count ------------------------


def _bsn_numbers(count: int, start: int = 100_000_000) -> list[str]:
    """``count`` nine-digit numbers that pass the 11-test, computed here."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    found: list[str] = []
    number = start
    while len(found) < count:
        digits = f"{number:09d}"
        if sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0:
            found.append(digits)
        number += 1
    return found


ROWS = privacy.SAMPLE_ROWS * 2


def _large(column: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {"naam": [f"Project {i}" for i in range(ROWS)], "opmerking": column},
        schema={"naam": pl.String, "opmerking": pl.String},
    )


def test_a_large_file_with_personal_data_in_most_cells_is_refused() -> None:
    half = ROWS // 2 + 1
    cells: list[str | None] = [*_bsn_numbers(half), *(["geen"] * (ROWS - half))]
    issues = personal_data_issues(_large(cells), today=date(2026, 1, 1))
    assert [(i.column, i.params["kind"]) for i in issues] == [("opmerking", "bsn")]


def test_a_sparse_column_in_a_large_file_is_counted_in_full() -> None:
    """Three numbers in a column that is otherwise empty: the sample sees none of them."""
    cells: list[str | None] = [None] * ROWS
    for at, number in zip((5, ROWS // 2, ROWS - 1), _bsn_numbers(3), strict=True):
        cells[at] = number
    issues = personal_data_issues(_large(cells), today=date(2026, 1, 1))
    assert [(i.column, i.params["kind"]) for i in issues] == [("opmerking", "bsn")]


def test_a_large_clean_file_passes_and_below_the_share_is_not_refused() -> None:
    assert personal_data_issues(_large(["geen"] * ROWS), today=date(2026, 1, 1)) == []
    share = int(ROWS * 0.3)  # below the rule's share, and far from it
    cells: list[str | None] = [*_bsn_numbers(share), *(["geen"] * (ROWS - share))]
    assert personal_data_issues(_large(cells), today=date(2026, 1, 1)) == []
