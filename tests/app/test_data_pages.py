"""AppTest of the Data and Versies pages: upload, report, preview, publish, history, restore."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import ROOT, store_dir
from lib.data.auth import hash_passphrase
from lib.data.ratelimit import CLIENT_FAILURES, SERVER_FAILURES
from lib.data.store import Store
from lib.web import signin

APP = str(ROOT / "app.py")
DATA = ROOT / "tests" / "data"
PASSPHRASE = "veilig genoeg voor een test"


@pytest.fixture(autouse=True)
def _fresh_gate() -> Iterator[None]:
    """The passphrase gate lives as long as the process: each test starts with no failures."""
    signin.gate.clear()
    yield
    signin.gate.clear()


def open_page(page: str, *, passphrase: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if passphrase:
        at.secrets["analyst_passphrase_hash"] = hash_passphrase(PASSPHRASE, iterations=1_000)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, path: Path, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="data_bestand").set_value((path.name, path.read_bytes(), mime))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [*(m.value for m in at.markdown), *(e.value for e in at.error),
             *(s.value for s in at.success), *(w.value for w in at.warning),
             *(i.value for i in at.info), *(c.value for c in at.caption)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def sign_in(at: AppTest) -> AppTest:
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    assert "Analist" in texts(at)
    return at


def analyst_page() -> AppTest:
    return sign_in(open_page("pages/data.py", passphrase=True))


def test_without_any_login_configured_nobody_can_upload_and_the_page_says_why() -> None:
    at = open_page("pages/data.py")
    shown = texts(at)
    assert "Publiceren staat uit: er is geen inlog voor analisten" in shown
    assert "Uploaden en controleren is alleen voor analisten" in shown
    assert "op deze server is nog geen inlog voor analisten ingesteld" in shown
    assert "python -m lib validate" in shown
    assert not at.get("file_uploader"), "no upload without the analyst role"
    labels = " ".join(e.proto.label for e in at.expander)
    assert "Sjablonen en voorbeeldbestanden" in labels, "templates and dictionary stay"


def test_an_anonymous_visitor_cannot_upload_even_when_analysts_can_sign_in() -> None:
    at = open_page("pages/data.py", passphrase=True)
    assert not at.get("file_uploader")
    assert "Toegang krijgen:" in texts(at)
    at.switch_page("pages/data.py").run()
    assert not at.get("file_uploader")


def test_the_access_text_is_in_english_too() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/data.py").run()
    assert "Uploading and checking files is for analysts only" in texts(at)
    assert not at.get("file_uploader")


def test_an_analyst_can_upload_and_sees_the_ceilings() -> None:
    at = analyst_page()
    (uploader,) = at.get("file_uploader")
    assert "200 MB" in uploader.proto.help
    assert "2.000.000" in uploader.proto.help
    upload(at, DATA / "excel_nl_cp1252.csv")
    assert "Geen fouten, wel 1 waarschuwing." in texts(at)


def test_a_bad_file_shows_every_problem_with_row_and_column() -> None:
    at = upload(analyst_page(), DATA / "duplicate_id.csv")
    assert "2 fouten" in texts(at)
    report = next(d.value for d in at.dataframe if "Rij" in d.value.columns)
    assert sorted(report["Rij"].to_list()) == [2, 4]
    assert set(report["Kolom"]) == {"interventie_id"}
    assert not at.get("form_submit_button")[1:], "no publish form for a file with errors"


def test_personal_data_is_refused_and_nothing_is_stored() -> None:
    at = upload(analyst_page(), DATA / "bsn_column.csv")
    report = next(d.value for d in at.dataframe if "Melding" in d.value.columns)
    assert any("persoonsgegevens" in m for m in report["Melding"].to_list())
    assert report["Rij"].isna().all()  # file-level only: nothing of the cells is echoed
    assert Store(store_dir()).current_version() is None


def test_a_validation_waits_for_a_turn_and_is_then_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PMG_VALIDATIONS_AT_ONCE", "1")
    monkeypatch.setenv("PMG_VALIDATION_WAIT_S", "0.2")
    from lib.web.sections import upload as section

    section._slots.clear()  # type: ignore[attr-defined]
    at = analyst_page()
    slots = section._slots()
    assert slots.at_once == 1
    with slots.turn(1.0):  # another session's validation holds the only turn
        upload(at, DATA / "clean_utf8_comma.csv")
    shown = texts(at)
    assert "De server controleert al 1 upload tegelijk" in shown
    assert "niet gecontroleerd en niet opgeslagen" in shown
    assert not at.dataframe or all("Rij" not in d.value.columns for d in at.dataframe)
    section._slots.clear()  # type: ignore[attr-defined]


def test_analyst_uploads_previews_and_publishes_an_excel_export() -> None:
    at = analyst_page()
    upload(at, DATA / "excel_nl_cp1252.csv")
    read_as = " ".join(str(v) for d in at.dataframe if " " in d.value.columns for v in d.value[" "])
    assert "Windows-1252" in read_as
    assert "Toegevoegd" in " ".join(e.proto.label for e in at.expander)
    at.text_area(key="data_opmerking").set_value("Eerste echte upload")
    at.text_input(key="data_wie").set_value("analist@example.org")
    next(b for b in at.get("form_submit_button") if "Publiceren" in b.proto.label).click().run()
    assert not at.exception
    assert "Gepubliceerd als versie 1" in texts(at)
    store = Store(store_dir())
    assert store.current_version() == 1
    assert store.version_info(1)["opmerking"] == "Eerste echte upload"


def test_wrong_passphrase_is_refused() -> None:
    at = open_page("pages/data.py", passphrase=True)
    at.text_input[0].set_value("fout")
    at.get("form_submit_button")[0].click().run()
    assert "De wachtwoordzin is onjuist." in texts(at)


def guess(at: AppTest, phrase: str) -> str:
    at.text_input[0].set_value(phrase)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return texts(at)


def test_a_reload_does_not_reset_the_passphrase_limit() -> None:
    first = open_page("pages/data.py", passphrase=True)
    for i in range(CLIENT_FAILURES):
        assert "De wachtwoordzin is onjuist." in guess(first, f"fout {i}")
    refused = guess(first, PASSPHRASE)
    wait = re.search(r"Te veel onjuiste pogingen\. Probeer het over (\d+) seconden", refused)
    assert wait is not None
    assert 240 < int(wait.group(1)) <= 300  # counted from the first wrong guess
    # a reload is a new session from the same address: still refused, the right passphrase too
    reloaded = open_page("pages/data.py", passphrase=True)
    shown = guess(reloaded, PASSPHRASE)
    assert "Te veel onjuiste pogingen. Probeer het over" in shown
    assert "De wachtwoordzin is onjuist." not in shown  # it was never checked
    assert "Uw rol: Lezer" in shown


def test_the_server_limit_holds_across_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    addresses = (f"198.51.100.{n}" for n in count(1))
    monkeypatch.setattr(signin, "client", lambda: next(addresses))  # every guess a new address
    at = open_page("pages/data.py", passphrase=True)
    for i in range(SERVER_FAILURES):
        assert "De wachtwoordzin is onjuist." in guess(at, f"fout {i}")
    at.switch_page("pages/overzicht.py").run()
    at.session_state["taal"] = "en"
    at.switch_page("pages/data.py").run()
    shown = guess(at, PASSPHRASE)
    wait = re.search(r"wrong attempts on this server\. Please try again in (\d+) seconds", shown)
    assert wait is not None
    assert 0 < int(wait.group(1)) <= 60
    assert "Your role: Viewer" in shown


def test_history_page_without_versions() -> None:
    at = open_page("pages/versies.py")
    assert "nog geen gepubliceerde versies" in texts(at)


@pytest.mark.usefixtures("dataset")
def test_history_view_compare_and_restore() -> None:
    at = open_page("pages/data.py", passphrase=True)
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    upload(at, DATA / "excel_nl_cp1252.csv")
    at.text_area(key="data_opmerking").set_value("Upload")
    at.text_input(key="data_wie").set_value("analist")
    next(b for b in at.get("form_submit_button") if "Publiceren" in b.proto.label).click().run()
    at.switch_page("pages/versies.py").run()
    history = next(d.value for d in at.dataframe if "Versie" in d.value.columns)
    assert history["Versie"].to_list() == [1, 0]
    at.selectbox(key="versies_bekijk").set_value(0)
    at.button(key="versies_bekijk_knop").click().run()
    assert "U bekijkt versie 0 (alleen lezen)" in texts(at)
    at.selectbox(key="versies_herstel_v").set_value(0)
    at.text_input(key="versies_herstel_opmerking").set_value("Terug naar de basis")
    next(b for b in at.get("form_submit_button") if "Terugzetten" in b.proto.label).click().run()
    assert "Versie 0 is hersteld als nieuwe versie 2" in texts(at)
