"""``python -m lib``: validate, publish, history and rollback against a real store."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lib.cli import main
from lib.config import ROOT, store_dir
from lib.data.auth import hash_passphrase, verify_passphrase
from lib.data.store import Store

DATA = ROOT / "tests" / "data"
EXCEL = DATA / "excel_nl_cp1252.csv"
PASSPHRASE = "correct paard batterij niet"


@pytest.fixture
def analyst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    hashed = hash_passphrase(PASSPHRASE, iterations=1_000)
    secrets.write_text(f'analyst_passphrase_hash = "{hashed}"\n', encoding="utf-8")
    monkeypatch.setenv("PMG_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("PMG_ANALYST_PASSPHRASE", PASSPHRASE)


def test_validate_valid_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--table", "interventies", str(EXCEL)]) == 0
    assert "Geldig: 0 fouten" in capsys.readouterr().out


def test_validate_invalid_file_exits_1_with_excel_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--table", "interventies", str(DATA / "duplicate_id.csv"), "--json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert {(e["row"], e["column"], e["code"]) for e in report["errors"]} == {
        (2, "interventie_id", "duplicate"),
        (4, "interventie_id", "duplicate"),
    }
    assert report["warnings"] == []


def test_file_level_problems_have_no_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--table", "interventies", str(DATA / "empty.csv"), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert errors
    assert all(e["row"] is None for e in errors)


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--table", "gemeenten", "x.csv"],
        ["validate", "x.csv"],
        ["validate", "--table", "interventies", "does-not-exist.csv"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert main(argv) == 2


def test_write_clean_writes_the_table_as_stored(tmp_path: Path) -> None:
    out = tmp_path / "clean.csv"
    assert main(["validate", "--table", "interventies", str(EXCEL), "--write-clean", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = next(r for r in rows if r["interventie_id"] == "GM0518-002")
    assert first["gemeentecode"] == "GM0518"
    assert first["naam"] == "Café-overleg Escamp"
    assert first["budget_eur"] == "12500.5"
    assert first["bereik"] == "1234"
    assert first["monitoringplan"] == "true"


def test_publish_needs_the_passphrase(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["publish", "--table", "interventies", str(EXCEL), "--comment", "test"]
    assert main(argv) == 1
    assert "Alleen analisten" in capsys.readouterr().err
    assert Store(store_dir()).current_version() is None


@pytest.mark.usefixtures("analyst")
def test_publish_history_rollback(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["publish", "--table", "interventies", str(EXCEL), "--comment", "Kwartaal 3"]
    assert main(argv) == 0
    assert "versie 1" in capsys.readouterr().out
    store = Store(store_dir())
    assert store.current_version() == 1
    published = store.read("interventies")
    assert (
        published.filter(published["interventie_id"] == "GM0518-002")["budget_eur"].item()
        == 12500.5
    )
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["1", "0"]
    assert "Kwartaal 3" in lines[0]
    assert main(["rollback", "0"]) == 0
    assert store.current_version() == 2
    assert store.read("interventies").equals(store.read("interventies", 0))


@pytest.mark.usefixtures("analyst")
def test_publish_refuses_an_invalid_file() -> None:
    argv = ["publish", "--table", "interventies", str(DATA / "duplicate_id.csv"), "--comment", "x"]
    assert main(argv) == 1
    assert Store(store_dir()).current_version() is None


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lib", "validate", "--table", "interventies", str(EXCEL)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_passphrase_prints_a_secrets_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE_TEXT + "\n"))
    assert main(["passphrase", "--stdin"]) == 0
    line = capsys.readouterr().out.strip()
    pattern = r'analyst_passphrase_hash = "(pbkdf2_sha256\$600000\$[0-9a-f]{32}\$[0-9a-f]{64})"'
    match = re.fullmatch(pattern, line)
    assert match
    assert verify_passphrase(PASSPHRASE_TEXT, match.group(1))
    assert PASSPHRASE_TEXT not in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["passphrase", "--stdin"]) == 1
    assert main(["passphrase", "--onbekend"]) == 2


PASSPHRASE_TEXT = "correct horse battery staple"


def test_one_parser_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in (
        "validate",
        "publish",
        "history",
        "rollback",
        "profile",
        "export",
        "passphrase",
    ):
        assert command in out
    assert main(["onbekend"]) == 2
    assert "usage error" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--lang", "en", "profile"], ["profile", "--lang", "en"]])
def test_the_language_can_stand_before_or_after_the_command(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.md"
    assert main([*argv, "--format", "md", "--out", str(out), "--date", "2026-11-28"]) == 0
    assert "Profile written to" in capsys.readouterr().out
    assert "# Knowledge map" in out.read_text(encoding="utf-8")


def test_a_broken_secrets_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text("analyst_passphrase_hash = \n", encoding="utf-8")
    monkeypatch.setenv("PMG_SECRETS_FILE", str(broken))
    assert main(["rollback", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config error:")
    assert str(broken) in err


# ----------------------------------------------------------------------------- context tables


def _crime_file(tmp_path: Path, rows: list[list[str]]) -> Path:
    """A crime table in the form an analyst exports it: ``;``, Dutch words for yes and no."""
    path = tmp_path / "misdrijven.csv"
    header = "gemeentecode;jaar;soort;geregistreerd;voorlopig"
    path.write_text("\n".join([header, *(";".join(r) for r in rows)]) + "\n", encoding="utf-8")
    return path


def test_validate_a_crime_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _crime_file(tmp_path, [["GM0917", "2025", "drugshandel", "334", "nee"]])
    assert main(["validate", "--table", "misdrijven", str(good)]) == 0
    capsys.readouterr()
    bad = _crime_file(
        tmp_path,
        [
            ["GM0917", "2025", "drugshandel", "-3", "nee"],  # a negative count
            ["GM9999", "2025", "drugshandel", "3", "nee"],  # no such municipality
            ["GM0917", "2011", "drugshandel", "3", "nee"],  # before the series
            ["GM0917", "2025", "fraude", "3", "nee"],  # no such offence type
            ["GM0917", "2024", "wapenhandel", "3", "misschien"],  # not yes or no
        ],
    )
    assert main(["validate", "--table", "misdrijven", str(bad), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    found = {(e["row"], e["column"], e["code"]) for e in errors}
    assert {
        (2, "geregistreerd", "minimum"),
        (3, "gemeentecode", "reference"),
        (4, "jaar", "minimum"),
        (5, "soort", "enum"),
        (6, "voorlopig", "type_bool"),
    } <= found


@pytest.mark.usefixtures("analyst")
def test_publish_a_crime_table_and_read_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lib.config import BUNDLED_DATA_DIR
    from lib.data.catalog import load_dataset, with_store_version

    bundled = load_dataset(BUNDLED_DATA_DIR)
    table = bundled.context_table("misdrijven").head(500)
    path = tmp_path / "misdrijven.csv"
    table.write_csv(path)
    refused = ["publish", "--table", "misdrijven", str(path), "--comment", "x",
               "--scope", "municipalities"]  # fmt: skip
    assert main(refused) == 2
    assert "in zijn geheel" in capsys.readouterr().err
    assert main(["publish", "--table", "misdrijven", str(path), "--comment", "nieuw"]) == 0
    capsys.readouterr()
    current = with_store_version(bundled, Store(store_dir()))
    assert current.context_table("misdrijven").equals(table)
    assert main(["history"]) == 0
    newest = capsys.readouterr().out.splitlines()[0].split("\t")
    assert newest[5:7] == ["misdrijven", "500"]
