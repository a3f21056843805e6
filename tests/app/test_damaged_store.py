"""AppTest: a damaged store never shows a raw error or wrong figures on a page.

The store has three versions: 0 (the bundled data), 1 (every intervention ``afgerond``: an
execution rate of 100,0 %) and 2 (every intervention ``gepland``: 0,0 %). Version 2 is then
damaged on disk; each page says so, names whom to call and shows version 1 read-only (or the
bundled data when no version is good).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from corrupt import CORRUPTIONS, deny_reads_as_root
from streamlit.testing.v1 import AppTest

from lib.config import ROOT, store_dir
from lib.data.catalog import Dataset
from lib.data.store import Store
from lib.web.routes import ROUTES

APP = str(ROOT / "app.py")

# corruption -> (the first words of the damage sentence, version shown: None = bundled data)
SEEN: dict[str, tuple[str, int | None]] = {
    "flip_byte": ("Versie 2 van de gegevens is beschadigd: een gegevensbestand is veranderd", 1),
    "truncate": ("Versie 2 van de gegevens is beschadigd: een gegevensbestand is veranderd", 1),
    "delete_file": ("Versie 2 van de gegevens is beschadigd: een gegevensbestand ontbreekt", 1),
    "unreadable": ("Versie 2 van de gegevens is beschadigd: een gegevensbestand kan niet", 1),
    "corrupt_table_log": ("Versie 2 van de gegevens is beschadigd: het logboek van een tabel", 1),
    "corrupt_version_log": ("Versie 2 van de gegevens ontbreekt in het overzicht", 1),
    "delete_newest_commit": ("Versie 2 van de gegevens ontbreekt in het overzicht", 1),
    "delete_version_log": ("Het overzicht van de gepubliceerde versies ontbreekt", None),
    "delete_table_log": ("Versie 2 van de gegevens is beschadigd: het logboek van een tabel", None),
    "garbage_checksum": ("Versie 2 van de gegevens is beschadigd: de vastlegging", 1),
    "garbage_row": ("Versie 2 van de gegevens ontbreekt in het overzicht", 1),
}


@pytest.fixture
def store(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> Path:
    deny_reads_as_root(monkeypatch)
    target = Store(store_dir())
    target.ensure_base(dataset.uploadable(), comment="Meegeleverde data (versie 0)")
    for status in ("afgerond", "gepland"):
        target.publish(
            "interventies",
            dataset.interventies.with_columns(pl.lit(status).alias("status")),
            who="analist@example.org",
            comment=f"alles {status}",
            source_name=f"{status}.csv",
            checksum="sha256:" + "0" * 64,
        )
    return target.root


def open_app(lang: str = "nl") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def errors(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.error)


def rate(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label in ("Uitvoeringsgraad", "Execution rate"))


def test_the_figures_before_any_damage(store: Path) -> None:
    at = open_app()
    assert errors(at) == ""
    assert rate(at) == "0,0 %"  # version 2, every intervention planned


def test_the_cases_are_those_of_the_unit_tests() -> None:
    assert set(SEEN) == set(CORRUPTIONS)


@pytest.mark.parametrize("how", list(SEEN))
def test_the_overview_names_the_damage_and_shows_the_last_good_version(
    store: Path, how: str
) -> None:
    bundled = rate(open_app_on(Store(store).root.parent / "leeg"))
    CORRUPTIONS[how](store)
    at = open_app()
    sentence, shown = SEEN[how]
    text = errors(at)
    assert sentence in text
    assert "Neem contact op met de beheerder van dit dashboard" in text
    if shown is None:
        assert "U ziet de meegeleverde gegevens, alleen om te lezen" in text
        assert rate(at) == bundled
    else:
        assert f"U ziet versie {shown}, de nieuwste goede versie, alleen om te lezen." in text
        assert rate(at) == "100,0 %"  # version 1, not the 0,0 % of version 2 nor garbage
    assert "Traceback" not in text


def open_app_on(root: Path) -> AppTest:
    """The app on an empty store at ``root`` (the bundled data)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMG_STORE_DIR", str(root))
        return open_app()


def test_in_english(store: Path) -> None:
    CORRUPTIONS["flip_byte"](store)
    text = errors(open_app("en"))
    assert "Version 2 of the data is damaged: a data file has changed since it was" in text
    assert "You are seeing version 1, the newest good version, read-only." in text
    assert "Please contact the administrator of this dashboard." in text


def test_every_page_says_so(store: Path) -> None:
    CORRUPTIONS["truncate"](store)
    at = open_app()
    for route in ROUTES:
        at.switch_page(route.file).run()
        assert not at.exception, (route.file, [e.message for e in at.exception])
        assert "Versie 2 van de gegevens is beschadigd" in errors(at), route.file


def test_the_data_page_is_read_only(store: Path) -> None:
    CORRUPTIONS["delete_file"](store)
    at = open_app()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    notes = "\n".join(str(i.value) for i in at.info)
    assert "Publiceren kan nu niet: versie 2 van de gegevens is beschadigd of ontbreekt." in notes
    assert not at.get("file_uploader")


def test_the_data_page_says_when_only_the_administrator_can_help(store: Path) -> None:
    CORRUPTIONS["corrupt_version_log"](store)
    at = open_app()
    at.switch_page("pages/data.py").run()
    notes = "\n".join(str(i.value) for i in at.info)
    assert "Publiceren en terugzetten kunnen nu niet: het overzicht van de versies" in notes
    assert "kunnen op de pagina Versies" not in errors(at)  # no restore to offer


def test_restoring_the_last_good_version_on_the_versions_page_repairs_it(
    store: Path, dataset: Dataset
) -> None:
    from lib.data.auth import hash_passphrase

    CORRUPTIONS["flip_byte"](store)
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["analyst_passphrase_hash"] = hash_passphrase("geheim genoeg", iterations=1_000)
    at.run()
    at.switch_page("pages/versies.py").run()
    assert "Versie 2 van de gegevens is beschadigd" in errors(at)  # also in the comparison
    next(i for i in at.text_input if i.label == "Analist-wachtwoordzin").set_value("geheim genoeg")
    next(b for b in at.get("form_submit_button") if b.proto.label == "Aanmelden").click().run()
    at.selectbox(key="versies_herstel_v").set_value(1)
    at.text_input(key="versies_herstel_opmerking").set_value("Versie 2 is beschadigd")
    next(b for b in at.get("form_submit_button") if "Terugzetten" in b.proto.label).click().run()
    assert not at.exception
    assert "Versie 1 is hersteld als nieuwe versie 3" in "\n".join(str(s.value) for s in at.success)
    at.switch_page("pages/overzicht.py").run()
    assert errors(at) == ""
    assert rate(at) == "100,0 %"
