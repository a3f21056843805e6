"""The validation benchmark on the small generated dataset: both checks agree, figures add up.

No test here looks at how fast anything is; the timings only have to be there and consistent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import SCALES, generate
from benchmarks.pandas_baseline import municipality_code, validate_with_pandas
from benchmarks.validation import factor_codes, measure, run_pipeline
from lib.data.catalog import Dataset, load_dataset

pytestmark = pytest.mark.slow

Cell = tuple[int, str, str]

# (spreadsheet row, column, new text, the errors the app reports for it)
CORRUPTIONS: tuple[tuple[int, str, str, tuple[str, ...]], ...] = (
    (3, "thema", "Onbekend thema", ("enum",)),
    (5, "bereik", "-5", ("minimum",)),
    (8, "factoren", "lage_zelfcontrole|geen_bestaande_factor", ("reference",)),
    (10, "gemeentecode", "Atlantis", ("pattern", "reference")),
    (12, "gemeentecode", "GM9999", ("reference",)),
    (14, "startjaar", "2099", ("maximum",)),
    (15, "startjaar", "twintig", ("type_int",)),
    (17, "budget_eur", "-1.250,50", ("minimum",)),
    (18, "monitoringplan", "misschien", ("type_bool",)),
    (20, "status", "", ("required",)),
    (21, "doelgroep", "bejaarden", ("enum",)),
    (23, "naam", "  ", ("required",)),
)
# (spreadsheet row, column, a spelling the app accepts)
ACCEPTED: tuple[tuple[int, str, str], ...] = (
    (3, "gemeentecode", "The Hague"),
    (4, "gemeentecode", "Den Bosch"),
    (5, "gemeentecode", " gemeente 363 "),
    (6, "gemeentecode", "DEN HAAG"),
    (7, "thema", "Behavioural interventions and identity"),
    (8, "thema", "FINANCIËN"),
    (9, "status", "Lopend"),
    (10, "status", "Completed"),
    (11, "doelgroep", "Young adults (18-27)"),
    (12, "monitoringplan", "J"),
    (13, "illustratief", "Yes"),
    (14, "factoren", '"Lage zelfcontrole ; snel-geld,"'),  # quoted: holds the delimiter
    (15, "startjaar", "2.024"),
    (16, "bereik", "1.250"),
    (17, "budget_eur", "€ 12.500"),
    (18, "budget_eur", "12500,5"),
    (19, "doelgroep", ""),
)
DUPLICATE_FROM, DUPLICATE_TO = 30, 40  # row 40 gets the id of row 30: both are errors


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small dataset directory and its upload file."""
    folder = tmp_path_factory.mktemp("bench") / "ds"
    upload = generate(folder, SCALES["small"], scale_name="small")
    return folder, upload


@pytest.fixture(scope="module")
def small(generated: tuple[Path, Path]) -> Dataset:
    return load_dataset(generated[0])


def app_errors(path: Path, dataset: Dataset) -> list[Cell]:
    report = run_pipeline(path, dataset).report
    return sorted((int(i.row or 1), i.column or "", i.code) for i in report.errors)


def pandas_errors(path: Path, dataset: Dataset) -> list[Cell]:
    found = validate_with_pandas(path, dataset.gemeenten, dataset.themas, factor_codes(dataset))
    return sorted(found)


def rewrite(upload: Path, target: Path, cells: list[tuple[int, str, str]]) -> None:
    """Write a copy of ``upload`` (cp1252, ``;``, CRLF) with ``cells`` replaced."""
    lines = upload.read_bytes().decode("cp1252").split("\r\n")
    header = lines[0].split(";")
    grid = [line.split(";") for line in lines]
    for row, column, text in cells:
        grid[row - 1][header.index(column)] = text
    target.write_bytes("\r\n".join(";".join(line) for line in grid).encode("cp1252"))


def corrupt(upload: Path, target: Path) -> list[Cell]:
    """Write a broken copy of ``upload``; return the errors planted, sorted."""
    ids = upload.read_bytes().decode("cp1252").split("\r\n")
    copied = ids[DUPLICATE_FROM - 1].split(";")[0]
    cells = [(row, column, text) for row, column, text, _ in CORRUPTIONS]
    rewrite(upload, target, [*cells, (DUPLICATE_TO, "interventie_id", copied)])
    expected = [(row, column, code) for row, column, _, codes in CORRUPTIONS for code in codes]
    expected += [(r, "interventie_id", "duplicate") for r in (DUPLICATE_FROM, DUPLICATE_TO)]
    return sorted(expected)


def test_both_find_no_error_in_the_generated_file(
    generated: tuple[Path, Path], small: Dataset
) -> None:
    upload = generated[1]
    prepared = run_pipeline(upload, small)
    assert prepared.report.errors == ()
    assert prepared.clean is not None
    assert prepared.clean.height == SCALES["small"].upload
    assert pandas_errors(upload, small) == []


def test_both_find_the_same_cells_in_a_broken_copy(
    generated: tuple[Path, Path], small: Dataset, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    planted = corrupt(generated[1], broken)
    assert app_errors(broken, small) == planted
    assert pandas_errors(broken, small) == planted


def test_both_accept_the_same_spellings(
    generated: tuple[Path, Path], small: Dataset, tmp_path: Path
) -> None:
    spelled = tmp_path / "spelled.csv"
    rewrite(generated[1], spelled, list(ACCEPTED))
    assert app_errors(spelled, small) == []
    assert pandas_errors(spelled, small) == []


def test_an_empty_line_keeps_the_row_numbers(
    generated: tuple[Path, Path], small: Dataset, tmp_path: Path
) -> None:
    lines = generated[1].read_bytes().split(b"\r\n")
    lines.insert(3, b"")  # becomes row 4; the row after it stays row 5
    cells = lines[4].split(b";")
    cells[7] = b"-1"  # bereik
    lines[4] = b";".join(cells)
    broken = tmp_path / "gap.csv"
    broken.write_bytes(b"\r\n".join(lines))
    expected = [(5, "bereik", "minimum")]
    assert app_errors(broken, small) == expected
    assert pandas_errors(broken, small) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("GM0363", "GM0363"),
        ("363", "GM0363"),
        ("gemeente 363", "GM0363"),
        ("Amsterdam", "GM0363"),
        (" AMSTERDAM ", "GM0363"),
        ("Nergenshuizen", "Nergenshuizen"),
    ],
)
def test_municipalities_are_recognised_as_in_the_app(value: str, code: str) -> None:
    assert municipality_code(value, {"amsterdam": "GM0363"}) == code


def seconds(result: dict[str, object], name: str) -> float:
    value = result[name]
    assert isinstance(value, float)
    return value


def test_measure_on_the_small_file(generated: tuple[Path, Path]) -> None:
    folder, upload = generated
    result = measure(upload, folder, runs=1)
    rows = SCALES["small"].upload
    size = upload.stat().st_size
    floor, pipeline, pandas = (
        seconds(result, f"{n}_seconds") for n in ("floor", "pipeline", "pandas")
    )
    assert min(floor, pipeline, pandas) > 0
    assert (result["floor_runs"], result["pipeline_runs"], result["pandas_runs"]) == (1, 1, 1)
    assert seconds(result, "publish_seconds") > 0
    assert seconds(result, "read_seconds") > 0
    assert result["store_runs"] == 1
    assert result["pipeline_over_floor"] == pytest.approx(pipeline / floor)
    assert result["pandas_over_pipeline"] == pytest.approx(pandas / pipeline)
    assert (result["rows"], result["read_rows"]) == (rows, rows)
    assert (result["pipeline_errors"], result["pandas_errors"]) == (0, 0)
    assert result["upload_bytes"] == size
    peak = result["pipeline_peak_bytes"]
    assert isinstance(peak, int)
    assert peak > 0
    assert result["pipeline_peak_over_file"] == pytest.approx(peak / size)
    json.dumps(result)  # serialisable as it is
