"""AppTest of the Versies page and of the analyst role across pages: times in the
Netherlands, pickers named by version, time and comment, the audit trail for analysts only,
and a passphrase sign-in that holds on every page of the session and ends when it should."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.config import ROOT, store_dir
from lib.data.auth import SIGNED_IN_HOURS, Grant, hash_passphrase
from lib.data.catalog import Dataset
from lib.data.store import Store
from lib.text.formats import fmt_moment
from lib.web import signin

APP = str(ROOT / "app.py")
PASSPHRASE = "veilig genoeg voor een test"
WHO, COMMENT, FILE = "a.analist@example.org", "Opruimen na test", "interventies_geheim.xlsx"


@pytest.fixture(autouse=True)
def _fresh_gate() -> Iterator[None]:
    signin.gate.clear()
    yield
    signin.gate.clear()


@pytest.fixture
def published(dataset: Dataset) -> Store:
    store = Store(store_dir())
    store.ensure_base(dataset.uploadable(), comment="Meegeleverde data (versie 0)")
    store.publish("interventies", dataset.interventies.head(40), who=WHO, comment=COMMENT,
                  source_name=FILE, checksum="sha256:" + "ab" * 32)  # fmt: skip
    return store


def open_app(*, lang: str = "nl", passphrase: str = PASSPHRASE) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["analyst_passphrase_hash"] = hash_passphrase(passphrase, iterations=1_000)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest) -> AppTest:
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def captions(at: AppTest) -> str:
    return " ".join(str(c.value) for c in at.caption)


def history(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Versie" in d.value.columns or
                "Version" in d.value.columns)  # fmt: skip


def test_a_visitor_sees_versions_and_times_but_not_the_audit_trail(published: Store) -> None:
    at = go(open_app(), "pages/versies.py")
    table = history(at)
    assert list(table.columns) == ["Versie", "Tijdstip", "Actie", "Rijen"]
    published_at = published.version_info(1)["tijdstip"]
    assert table.iloc[0]["Tijdstip"] == fmt_moment(published_at, "nl")  # Amsterdam, not UTC
    assert table.iloc[0]["Actie"] == "Publicatie: Interventies"
    assert table.iloc[0]["Rijen"] == "40"
    shown = " ".join(str(v) for v in table.to_numpy().ravel())
    options = " ".join(o for s in at.selectbox for o in s.options)
    for secret in (WHO, COMMENT, FILE):
        assert secret not in shown
        assert secret not in options
    assert "alleen analisten" in captions(at)
    assert at.selectbox(key="versies_bekijk").options[0] == (
        f"versie 1 - {fmt_moment(published_at, 'nl')} - Publicatie"
    )


def test_an_analyst_keeps_the_role_on_every_page_and_sees_the_audit_trail(
    published: Store,
) -> None:
    at = sign_in(go(open_app(), "pages/data.py"))
    assert "Uw rol: Analist" in captions(at)
    assert "in dit tabblad tot" in captions(at)
    for page in ("pages/overzicht.py", "pages/kaart.py", "pages/versies.py"):
        go(at, page)  # as the menu in the sidebar does: the same session
    assert "Uw rol: Analist" in captions(at)
    table = history(at)
    assert list(table.columns)[4:] == ["Wie", "Opmerking", "Bronbestand", "Controlegetal"]
    assert (table.iloc[0]["Wie"], table.iloc[0]["Opmerking"]) == (WHO, COMMENT)
    assert table.iloc[0]["Bronbestand"] == FILE
    when = fmt_moment(published.version_info(1)["tijdstip"], "nl")
    assert at.selectbox(key="versies_herstel_v").options[0] == f"versie 1 - {when} - {COMMENT}"
    go(at, "pages/data.py")
    assert at.get("file_uploader"), "back on the Data page: still an analyst"


def test_english_pickers_and_headers(published: Store) -> None:
    at = sign_in(go(open_app(lang="en"), "pages/versies.py"))
    when = fmt_moment(published.version_info(1)["tijdstip"], "en")
    assert at.selectbox(key="versies_bekijk").options[0] == f"version 1 - {when} - {COMMENT}"
    assert list(history(at).columns)[:4] == ["Version", "Time", "Action", "Rows"]


def test_signing_out_ends_the_role() -> None:
    at = sign_in(go(open_app(), "pages/data.py"))
    at.button(key="data_afmelden").click().run()
    assert "Uw rol: Lezer" in captions(at)
    assert not at.get("file_uploader")


def test_an_old_grant_or_one_for_another_passphrase_gives_no_role() -> None:
    at = sign_in(go(open_app(), "pages/data.py"))
    kept = at.session_state[signin.GRANT_KEY]
    at.session_state[signin.GRANT_KEY] = Grant(time.time() - SIGNED_IN_HOURS * 3600 - 1, kept.key)
    go(at, "pages/data.py")
    assert "Uw rol: Lezer" in captions(at)
    assert signin.GRANT_KEY not in at.session_state
    # a grant made for the passphrase before it was changed
    other = sign_in(go(open_app(), "pages/data.py"))
    other.secrets["analyst_passphrase_hash"] = hash_passphrase("een nieuwe zin", iterations=1_000)
    go(other, "pages/data.py")
    assert "Uw rol: Lezer" in captions(other)


def test_a_new_session_asks_for_the_passphrase_again() -> None:
    """A reload or a new tab is a new session: the passphrase role is not in it."""
    first = sign_in(go(open_app(), "pages/data.py"))
    assert "Uw rol: Analist" in captions(first)
    again = go(open_app(), "pages/data.py")
    assert "Uw rol: Lezer" in captions(again)
    assert "Na het herladen van de pagina of in een nieuw tabblad" in captions(again)
