"""``python -m lib publish --mode ... --confirm-removals N`` against a real store: every mode,
the confirmation of removals, and a file that changes nothing."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from uploads import DEN_HAAG, FOUR_IDS, FOUR_ROWS, ROTTERDAM, four_rows, write_rows

from lib.cli import main
from lib.config import store_dir
from lib.data.auth import hash_passphrase
from lib.data.catalog import Dataset
from lib.data.store import Store

PASSPHRASE = "correct paard batterij niet"


@pytest.fixture(autouse=True)
def analyst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    hashed = hash_passphrase(PASSPHRASE, iterations=1_000)
    secrets.write_text(f'analyst_passphrase_hash = "{hashed}"\n', encoding="utf-8")
    monkeypatch.setenv("PMG_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("PMG_ANALYST_PASSPHRASE", PASSPHRASE)


def publish(path: Path, *extra: str) -> list[str]:
    return ["publish", "--table", "interventies", str(path), "--comment", "kwartaal", *extra]


def changes(out: str) -> dict[str, list[str]]:
    """The per-municipality lines the command prints: name -> added, changed, removed."""
    lines = out.split("\nGemeente\tToegevoegd\tGewijzigd\tVerwijderd\n", 1)[1].splitlines()
    return {line.split("\t")[0]: line.split("\t")[1:] for line in lines if line.count("\t") == 3}


def rows_of(dataset: Dataset, code: str) -> int:
    return dataset.interventies.filter(pl.col("gemeentecode") == code).height


def test_four_rows_in_the_default_mode_add_four_and_remove_none(
    tmp_path: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    path = four_rows(tmp_path)
    assert main(publish(path)) == 0
    out = capsys.readouterr().out
    assert "Nieuwe rijen toevoegen en bestaande rijen bijwerken" in out
    assert changes(out) == {
        "Den Haag": ["2", "0", "0"],
        "Rotterdam": ["2", "0", "0"],
        "Totaal": ["4", "0", "0"],
    }
    assert "Gepubliceerd als versie 1." in out
    store = Store(store_dir())
    published = store.read("interventies")
    assert published.height == dataset.interventies.height + 4
    assert set(FOUR_IDS) <= set(published.get_column("interventie_id").to_list())
    assert store.version_info(1)["scope"] == "bijwerken"
    # the same file again makes no version, and says so
    assert main(publish(path)) == 0
    assert "verandert niets aan de huidige versie 1" in capsys.readouterr().out
    assert store.current_version() == 1
    # adding rows that are all there already, unchanged, changes nothing either
    assert main(publish(path, "--mode", "add")) == 0
    assert store.current_version() == 1


def test_add_refuses_rows_that_exist_and_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(publish(four_rows(tmp_path))) == 0
    capsys.readouterr()
    changed = write_rows(tmp_path, "gewijzigd.csv", [FOUR_ROWS[0].replace(";85;", ";90;")])
    assert main(publish(changed, "--mode", "add")) == 1
    err = capsys.readouterr().err
    assert "1 rij uit het bestand bestaat al: GM0518-101" in err
    assert Store(store_dir()).current_version() == 1
    # updating it is the default
    assert main(publish(changed)) == 0
    assert changes(capsys.readouterr().out)["Den Haag"] == ["0", "1", "0"]
    bereik = (
        Store(store_dir())
        .read("interventies")
        .filter(pl.col("interventie_id") == "GM0518-101")["bereik"]
    )
    assert bereik.to_list() == [90]


def test_replacing_municipalities_needs_the_exact_number_of_removals(
    tmp_path: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    path = four_rows(tmp_path)
    gone = rows_of(dataset, DEN_HAAG) + rows_of(dataset, ROTTERDAM)
    argv = publish(path, "--mode", "replace-municipalities")
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert f"Publiceren zou {gone} rijen verwijderen" in captured.err
    assert f"--confirm-removals {gone}" in captured.err
    assert changes(captured.out)["Rotterdam"] == ["2", "0", str(rows_of(dataset, ROTTERDAM))]
    assert Store(store_dir()).current_version() == 0
    assert main([*argv, "--confirm-removals", str(gone - 1)]) == 1
    assert f"niet {gone - 1}" in capsys.readouterr().err
    assert Store(store_dir()).current_version() == 0
    assert main([*argv, "--confirm-removals", str(gone)]) == 0
    after = Store(store_dir()).read("interventies")
    assert after.filter(pl.col("gemeentecode") == ROTTERDAM).height == 2
    assert after.height == dataset.interventies.height - gone + 4


def test_replacing_the_whole_table_names_every_removal(
    tmp_path: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = publish(four_rows(tmp_path), "--mode", "replace-all", "--lang", "en")
    assert main(argv) == 1
    total = dataset.interventies.height
    assert f"Publishing would remove {total} rows" in capsys.readouterr().err
    assert main([*argv, "--confirm-removals", str(total)]) == 0
    assert Store(store_dir()).read("interventies").height == 4


def test_progress_is_updated_by_intervention_and_period(
    tmp_path: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = dataset.interventies.get_column("interventie_id").head(2).to_list()
    path = tmp_path / "voortgang.csv"
    path.write_text(
        f"interventie_id;periode;status\n{first};2025-Q1;gepland\n{second};2025-Q1;gepland\n",
        encoding="utf-8",
    )
    argv = ["publish", "--table", "voortgang", str(path), "--comment", "Q1"]
    assert main(argv) == 0
    capsys.readouterr()
    path.write_text(
        f"interventie_id;periode;status\n{first};2025-Q1;in_uitvoering\n{first};2025-Q2;afgerond\n",
        encoding="utf-8",
    )
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert changes(out)["Totaal"] == ["1", "1", "0"]
    progress = Store(store_dir()).read("voortgang")
    assert progress.select("interventie_id", "periode", "status").rows() == [
        (first, "2025-Q1", "in_uitvoering"),
        (second, "2025-Q1", "gepland"),
        (first, "2025-Q2", "afgerond"),
    ]


def test_a_context_table_cannot_be_published_in_part(tmp_path: Path) -> None:
    path = tmp_path / "misdrijven.csv"
    path.write_text("gemeentecode,jaar,soort,geregistreerd,voorlopig\n", encoding="utf-8")
    argv = ["publish", "--table", "misdrijven", str(path), "--comment", "x", "--mode", "upsert"]
    assert main(argv) == 2
