"""Uploads in bounded memory and time: the ceilings, their messages, encodings mixed in one
file, long cells, files of empty lines, and the same outcome whatever the block size.

The memory test runs the reader in a fresh Python process and reads its peak resident memory
(``VmHWM``) from /proc: real files, real parsing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lib.config import ROOT, ConfigError, upload_settings
from lib.contract.schema import INTERVENTIES
from lib.data.catalog import Dataset
from lib.data.ingest import blocks as blocks_module
from lib.data.ingest import decode
from lib.data.ingest.limits import Limits
from lib.data.ingest.pipeline import read_upload
from lib.data.ingest.read import read_csv
from lib.data.ingest.slots import Busy, Slots
from lib.text.reports import issue_message
from tests.unit.data.ingest.test_corpus import MANIFEST, _id, run_file

HEADER = "interventie_id;gemeentecode;naam;thema;status;startjaar;bereik\r\n"
ROW = "X-{i};GM0599;{naam};financien;afgerond;2024;10\r\n"


def rows(n: int, naam: str = "Geldlessen") -> str:
    return "".join(ROW.format(i=i, naam=naam) for i in range(1, n + 1))


# ----------------------------------------------------------------------------- memory

MEMORY_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from lib.contract.schema import INTERVENTIES
from lib.data.ingest.pipeline import read_upload
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
read_upload(b"a;b\\n1;2\\n", "warm.csv", table=INTERVENTIES)  # libraries loaded and warm
Path("/proc/self/clear_refs").write_text("5")
before = hwm()
data = Path(sys.argv[1]).read_bytes()
got = read_upload(data, "upload.csv", table=INTERVENTIES)
print(json.dumps({"peak": hwm() - before, "size": len(data),
                  "codes": sorted({i.code for i in got.issues})}))
"""
PEAK_OVER_FILE = 2.5  # the file itself counts: at most 1.5 times the file on top of it
MB = 2**20


def peak_of(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(path), str(ROOT)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("name", "content", "codes"),
    [
        ("only_empty_lines", b"\n" * (20 * MB), ["empty_file"]),
        ("empty_lines_crlf", b" ;\r\n" * (5 * MB), ["empty_file"]),
        ("header_then_empty_rows", HEADER.encode() + b";;;;;;\r\n" * (20 * MB // 8), ["no_rows"]),
    ],
)
def test_a_file_of_empty_lines_stays_under_a_memory_ceiling(
    tmp_path: Path, name: str, content: bytes, codes: list[str]
) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    result = peak_of(path)
    assert result["codes"] == codes
    peak, size = result["peak"], result["size"]
    assert isinstance(peak, int)
    assert isinstance(size, int)
    assert size >= 20 * MB
    assert peak / size <= PEAK_OVER_FILE, f"peak {peak / MB:.0f} MB for {size / MB:.0f} MB"


def test_a_file_of_empty_lines_is_read_without_a_whole_file_pass() -> None:
    """The lines above the header are skipped block by block: the grid has no cells."""
    got = read_csv(b"\r\n" * 300_000 + b"a,b\r\n1,2\r\n")
    assert got.cells is not None
    assert got.first_row == 300_001
    assert got.cells.rows() == [("a", "b"), ("1", "2")]


# ----------------------------------------------------------------------------- ceilings


def issue_texts(issue: object) -> tuple[str, str]:
    return issue_message(issue, "nl"), issue_message(issue, "en")  # type: ignore[arg-type]


def test_too_many_rows_names_the_limit_and_stops_reading() -> None:
    data = (HEADER + rows(50)).encode()
    got = read_upload(data, "a.csv", table=INTERVENTIES, limits=Limits(max_rows=10))
    (issue,) = [i for i in got.issues if i.code == "too_many_rows"]
    nl, en = issue_texts(issue)
    assert "meer dan 10 gevulde rijen" in nl
    assert "PMG_UPLOAD_MAX_ROWS" in nl
    assert "more than 10 filled rows" in en
    assert not got.ok
    exactly = read_upload(data, "a.csv", table=INTERVENTIES, limits=Limits(max_rows=50))
    assert exactly.ok
    assert exactly.frame is not None
    assert exactly.frame.height == 50


def test_a_cell_over_the_limit_is_an_error_naming_row_and_column() -> None:
    data = (HEADER + rows(3) + ROW.format(i=4, naam="x" * 40) + rows(2)).encode()
    got = read_upload(data, "a.csv", table=INTERVENTIES, limits=Limits(max_cell=30))
    (issue,) = [i for i in got.issues if i.code == "cell_too_long"]
    assert (issue.row, issue.column, issue.severity) == (5, "naam", "error")
    nl, en = issue_texts(issue)
    assert "kolom 'naam' is 40 tekens lang" in nl
    assert "Meer dan 30 tekens" in nl
    assert "column 'naam' is 40 characters long" in en
    assert "more than 30 characters" in en
    assert not got.ok


def test_one_huge_quoted_cell_is_refused_without_reading_it_whole() -> None:
    """A cell that never ends (no closing quote for far longer than any allowed row) is cut,
    reported at its row and column, and the rest of the file is not read."""
    limits = Limits(max_cell=20)  # a record may be 500 * (4 * 20 + 3) bytes at most
    data = (HEADER + 'X-1;GM0599;"' + "a" * 200_000).encode()
    got = read_upload(data, "a.csv", table=INTERVENTIES, limits=limits)
    (issue,) = [i for i in got.issues if i.code == "cell_cut"]
    assert (issue.row, issue.column) == (2, "naam")
    nl, en = issue_texts(issue)
    assert "is langer dan" in nl
    assert "niet verder gelezen" in nl
    assert "longer than" in en
    assert not got.ok


def test_the_cell_limit_applies_to_workbooks_too(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["interventie_id", "naam"])
    sheet.append(["X-1", "kort"])
    sheet.append(["X-2", "y" * 50])
    path = tmp_path / "lang.xlsx"
    book.save(path)
    got = read_upload(path.read_bytes(), "lang.xlsx", table=INTERVENTIES,
                      limits=Limits(max_cell=20))  # fmt: skip
    (issue,) = [i for i in got.issues if i.code == "cell_too_long"]
    assert (issue.row, issue.column) == (3, "naam")


def test_settings_give_the_ceilings_and_refuse_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    default = upload_settings()
    assert (default.max_mb, default.max_rows, default.max_cell) == (200, 2_000_000, 10_000)
    assert (default.at_once, default.wait_s) == (2, 60.0)
    monkeypatch.setenv("PMG_UPLOAD_MAX_MB", "50")
    monkeypatch.setenv("PMG_UPLOAD_MAX_ROWS", "1_000")
    monkeypatch.setenv("PMG_UPLOAD_MAX_CELL", "500")
    limits = Limits.from_settings()
    assert (limits.max_bytes, limits.max_rows, limits.max_cell) == (50 * MB, 1000, 500)
    monkeypatch.setenv("PMG_VALIDATIONS_AT_ONCE", "0")
    with pytest.raises(ConfigError, match="PMG_VALIDATIONS_AT_ONCE"):
        upload_settings()
    monkeypatch.setenv("PMG_VALIDATIONS_AT_ONCE", "twee")
    with pytest.raises(ConfigError, match="not a whole number"):
        upload_settings()


# ----------------------------------------------------------------------------- encodings


def test_a_windows_1252_row_in_a_utf8_file_is_read_correctly_and_named() -> None:
    data = (
        HEADER.encode()
        + ROW.format(i=1, naam="Coöperatie").encode("utf-8")
        + ROW.format(i=2, naam="Geldlessen").encode("utf-8")
        + ROW.format(i=3, naam="Buurtcafé").encode("cp1252")
        + ROW.format(i=4, naam="Één loket").encode("utf-8")
    )
    got = read_upload(data, "mixed.csv", table=INTERVENTIES)
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == [
        "Coöperatie", "Geldlessen", "Buurtcafé", "Één loket"
    ]  # fmt: skip
    (issue,) = [i for i in got.issues if i.code.startswith("mixed_encoding")]
    assert (issue.row, issue.severity) == (4, "warning")
    nl, en = issue_texts(issue)
    assert "gelezen als Windows-1252" in nl
    assert "read this row as Windows-1252" in en
    assert got.dialect.encoding == "utf-8"
    assert got.ok


def test_the_row_of_a_windows_1252_line_counts_quoted_line_breaks() -> None:
    data = (
        HEADER.encode()
        + 'X-1;GM0599;"Twee\r\nregels ö";financien;afgerond;2024;10\r\n'.encode()
        + ROW.format(i=2, naam="Café").encode("cp1252")
    )
    got = read_upload(data, "mixed.csv", table=INTERVENTIES)
    (issue,) = [i for i in got.issues if i.code == "mixed_encoding"]
    assert issue.row == 3  # the file's fourth line, the sheet's third row
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == ["Twee\nregels ö", "Café"]


def test_many_windows_1252_rows_are_counted_beyond_the_named_ones() -> None:
    data = (HEADER + rows(1, "Coöperatie")).encode() + rows(30, "Café").encode("cp1252")
    got = read_upload(data, "mixed.csv", table=INTERVENTIES)
    named = [i for i in got.issues if i.code == "mixed_encoding"]
    assert [i.row for i in named] == list(range(3, 23))
    (more,) = [i for i in got.issues if i.code == "mixed_encoding_more"]
    assert "In totaal zijn 30 rijen" in issue_message(more, "nl")


def test_a_whole_windows_1252_file_keeps_one_warning() -> None:
    got = read_upload((HEADER + rows(5, "Café")).encode("cp1252"), "a.csv", table=INTERVENTIES)
    assert [i.code for i in got.issues] == ["encoding_guess"]
    assert got.frame is not None
    assert set(got.frame.get_column("naam")) == {"Café"}


# ----------------------------------------------------------------------------- blocks


@pytest.mark.parametrize("row", MANIFEST, ids=[_id(r) for r in MANIFEST])
def test_the_corpus_reads_the_same_in_tiny_blocks(
    dataset: Dataset, row: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of 7 bytes and pieces of a few cells cut every line, character and quoted cell
    somewhere: the outcome is the same as with blocks of megabytes."""
    expected = run_file(dataset, row).report.issues
    monkeypatch.setattr(decode, "BLOCK", 7)
    monkeypatch.setattr(blocks_module, "CELLS", 8)
    monkeypatch.setattr(blocks_module, "MIN_PIECE", 1)
    assert run_file(dataset, row).report.issues == expected


# ----------------------------------------------------------------------------- turns


def test_a_third_validation_waits_and_is_then_refused() -> None:
    slots = Slots(2)
    started = threading.Barrier(3)
    release = threading.Event()

    def hold() -> None:
        with slots.turn(1.0):
            started.wait()
            release.wait(10)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for thread in holders:
        thread.start()
    started.wait()
    waited: list[bool] = []
    begin = time.monotonic()
    with pytest.raises(Busy) as refused, slots.turn(0.3, lambda: waited.append(True)):
        pass
    assert waited == [True]
    assert time.monotonic() - begin >= 0.3
    assert refused.value.params == {"n": 2, "seconds": 0}
    release.set()
    for thread in holders:
        thread.join()
    with slots.turn(0.1):  # the turns are free again
        pass


def test_a_waiting_validation_runs_when_a_turn_comes_free() -> None:
    slots = Slots(1)
    taken = threading.Event()

    def hold() -> None:
        with slots.turn(1.0):
            taken.set()
            time.sleep(0.2)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    waited: list[bool] = []
    with slots.turn(5.0, lambda: waited.append(True)):
        ran = True
    holder.join()
    assert ran
    assert waited == [True]


def test_the_wait_and_the_refusal_are_said_in_both_languages() -> None:
    from lib.text.i18n import t

    refused = Busy(n=2, seconds=60)
    nl = t(refused.key, "nl", **refused.params)
    en = t(refused.key, "en", **refused.params)
    assert "al 2 uploads tegelijk" in nl
    assert "binnen 60 seconden" in nl
    assert "already checking 2 uploads at a time" in en
    assert "within 60 seconds" in en
    waiting = t("upload.busy.waiting", "nl", seconds=60)
    assert waiting.startswith("Een andere upload wordt gecontroleerd; even geduld.")
    assert "hoogstens 60 seconden" in waiting
    assert t("upload.busy.waiting", "en", seconds=60).startswith("Another upload is being checked")
