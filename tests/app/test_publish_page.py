"""AppTest of publishing on the Data page: every mode with a real upload (``file_uploader``),
the per-municipality preview above the button, the confirmation of removals, no version for a
file that changes nothing, and one version for a double publication."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from uploads import DEN_HAAG, FOUR_IDS, FOUR_ROWS, ROTTERDAM, four_rows, write_rows

from lib.config import ROOT, store_dir
from lib.data.auth import PASSPHRASE_WHO, hash_passphrase
from lib.data.catalog import Dataset
from lib.data.store import Store
from lib.web import signin

APP = str(ROOT / "app.py")
PASSPHRASE = "veilig genoeg voor een test"
PUBLISH = "Publiceren als nieuwe versie"


@pytest.fixture(autouse=True)
def _fresh_gate() -> Iterator[None]:
    signin.gate.clear()
    yield
    signin.gate.clear()


def texts(at: AppTest) -> str:
    parts = [*(m.value for m in at.markdown), *(e.value for e in at.error),
             *(s.value for s in at.success), *(w.value for w in at.warning),
             *(i.value for i in at.info), *(c.value for c in at.caption)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def analyst(lang: str = "nl") -> AppTest:
    """The Data page, signed in with the passphrase."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["analyst_passphrase_hash"] = hash_passphrase(PASSPHRASE, iterations=1_000)
    if lang != "nl":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data.py").run()
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="data_bestand").set_value((path.name, path.read_bytes(), "text/csv"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def changes(at: AppTest, header: str = "Gemeente") -> dict[str, list[str]]:
    """The table above the button: municipality -> added, changed, removed."""
    frame = next(d.value for d in at.dataframe if header in d.value.columns)
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


def button(at: AppTest, label: str = PUBLISH) -> object | None:
    return next((b for b in at.get("form_submit_button") if label in b.proto.label), None)


def publish(at: AppTest, comment: str = "Kwartaal 3") -> AppTest:
    at.text_area(key="data_opmerking").set_value(comment)
    found = button(at)
    assert found is not None
    assert not found.disabled  # type: ignore[attr-defined]
    found.click().run()  # type: ignore[attr-defined]
    assert not at.exception, [e.message for e in at.exception]
    return at


def rows_of(dataset: Dataset, *codes: str) -> int:
    return dataset.interventies.filter(pl.col("gemeentecode").is_in(codes)).height


def test_four_rows_in_the_default_mode_add_four_and_remove_none(
    tmp_path: Path, dataset: Dataset
) -> None:
    at = upload(analyst(), four_rows(tmp_path))
    assert "Dataversie 1 van" not in texts(at)
    assert at.radio(key="data_modus").value == "bijwerken"
    assert changes(at) == {
        "Den Haag": ["2", "0", "0"],
        "Rotterdam": ["2", "0", "0"],
        "Totaal": ["4", "0", "0"],
    }
    assert not [c for c in at.checkbox if "Ik begrijp" in c.label], "nothing to confirm"
    assert "Wordt vastgelegd als: analist (wachtwoordzin)" in texts(at)
    publish(at)
    shown = texts(at)
    assert "Gepubliceerd als versie 1" in shown
    store = Store(store_dir())
    stored = store.read("interventies")
    assert stored.height == dataset.interventies.height + 4
    assert set(FOUR_IDS) <= set(stored.get_column("interventie_id").to_list())
    assert store.version_info(1)["wie"] == PASSPHRASE_WHO
    # the page at once shows the new version: the figures "now" count the four new rows
    now = next(d.value for d in at.dataframe if "Nu" in d.value.columns)
    assert now["Nu"][0] == str(dataset.interventies.height + 4)
    # and the same file is now identical to the current version: no button, no second version
    assert "verandert niets aan de huidige versie 1" in shown
    assert button(at) is None
    at.run()
    assert Store(store_dir()).current_version() == 1
    # every page shows the new version (the footer names it)
    assert "Dataversie 1 van" in texts(at)
    for page in ("pages/overzicht.py", "pages/versies.py"):
        at.switch_page(page).run()
        assert "Dataversie 1 van" in texts(at), page


def test_replacing_municipalities_needs_the_box_that_names_the_number(
    tmp_path: Path, dataset: Dataset
) -> None:
    at = upload(analyst(), four_rows(tmp_path))
    at.radio(key="data_modus").set_value("gemeenten").run()
    gone = rows_of(dataset, DEN_HAAG, ROTTERDAM)
    assert changes(at)["Rotterdam"] == ["2", "0", str(rows_of(dataset, ROTTERDAM))]
    assert changes(at)["Totaal"] == ["4", "0", str(gone)]
    assert f"Publiceren verwijdert {gone} rijen van de {dataset.interventies.height}" in texts(at)
    (box,) = [c for c in at.checkbox if "Ik begrijp" in c.label]
    assert box.label == f"Ik begrijp dat {gone} rijen worden verwijderd"
    assert button(at).disabled  # type: ignore[union-attr]
    assert "Publiceren kan pas als u de verwijdering hierboven heeft bevestigd." in texts(at)
    assert Store(store_dir()).current_version() == 0
    box.check().run()
    assert not [t for t in at.text_input if "Aantal rijen" in t.label], "less than half: no typing"
    publish(at)
    stored = Store(store_dir()).read("interventies")
    assert stored.filter(pl.col("gemeentecode") == ROTTERDAM).height == 2
    assert stored.height == dataset.interventies.height - gone + 4


def test_replacing_the_whole_table_needs_the_number_typed(tmp_path: Path, dataset: Dataset) -> None:
    at = upload(analyst(), four_rows(tmp_path))
    at.radio(key="data_modus").set_value("alles").run()
    total = dataset.interventies.height
    assert changes(at)["Totaal"] == ["4", "0", str(total)]
    (box,) = [c for c in at.checkbox if "Ik begrijp" in c.label]
    box.check().run()
    assert button(at).disabled  # type: ignore[union-attr]
    (typed,) = [t for t in at.text_input if t.label == "Aantal rijen dat wordt verwijderd"]
    typed.set_value(str(total - 1)).run()
    assert "Dat is niet het aantal rijen dat wordt verwijderd." in texts(at)
    assert button(at).disabled  # type: ignore[union-attr]
    typed.set_value(str(total)).run()
    publish(at)
    assert Store(store_dir()).read("interventies").height == 4


def test_adding_rows_that_exist_is_refused_and_names_them(tmp_path: Path) -> None:
    row = FOUR_ROWS[0].replace("GM0518-101", "GM0518-001")  # an id of the bundled data
    existing = write_rows(tmp_path, "bestaand.csv", [row])
    at = upload(analyst(), existing)
    at.radio(key="data_modus").set_value("toevoegen").run()
    assert "1 rij uit het bestand bestaat al: GM0518-001" in texts(at)
    assert button(at) is None
    at.radio(key="data_modus").set_value("bijwerken").run()
    assert changes(at)["Den Haag"] == ["0", "1", "0"]


def test_the_preview_and_confirmation_in_english(tmp_path: Path, dataset: Dataset) -> None:
    at = upload(analyst("en"), four_rows(tmp_path))
    at.radio(key="data_modus").set_value("gemeenten").run()
    gone = rows_of(dataset, DEN_HAAG, ROTTERDAM)
    assert changes(at, "Municipality")["Total"] == ["4", "0", str(gone)]
    assert [c.label for c in at.checkbox if "I understand" in c.label] == [
        f"I understand that {gone} rows will be removed"
    ]


def test_two_sessions_publishing_the_same_file_make_one_version(tmp_path: Path) -> None:
    path = four_rows(tmp_path)
    first, second = upload(analyst(), path), upload(analyst(), path)
    publish(first)
    publish(second)  # its preview was made before the first published
    assert "Dit bestand verandert niets aan de huidige versie 1" in texts(second)
    assert Store(store_dir()).current_version() == 1
    assert Store(store_dir()).history().height == 2


def test_a_context_table_replaces_what_the_dashboard_shows_and_says_how_much_goes(
    tmp_path: Path, dataset: Dataset
) -> None:
    path = tmp_path / "misdrijven.csv"
    dataset.context_table("misdrijven").head(1).write_csv(path)  # one row the dashboard has
    at = analyst()
    at.radio(key="data_tabel").set_value("misdrijven").run()
    upload(at, path)
    assert "Deze tabel wordt altijd in zijn geheel vervangen door het bestand." in texts(at)
    assert not at.get("radio") or all(r.key != "data_modus" for r in at.radio)
    bundled = dataset.context_table("misdrijven").height
    gone = bundled - 1  # every row but the one of the file
    shown = texts(at)
    assert f"Publiceren verwijdert {gone:,} rijen".replace(",", ".") in shown
    assert [t.label for t in at.text_input if "Aantal rijen" in t.label], "more than half"
    assert button(at).disabled  # type: ignore[union-attr]
