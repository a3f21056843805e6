"""AppTest: the accessibility statement page in both languages, and the a11y hook of app.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.text.i18n import t
from lib.web import a11y, routes

APP = str(ROOT / "app.py")
PAGE = "pages/toegankelijkheid.py"


def run_statement(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_statement_page(lang: str) -> None:
    at = run_statement(lang)
    assert at.title[0].value == t("a11y.title", lang)
    headers = [h.value for h in at.header]
    keys = (
        "a11y.tested.title",
        "a11y.limitations.title",
        "a11y.date.title",
        "a11y.contact.title",
    )
    for key in keys:
        assert t(key, lang) in headers
    text = "\n".join(m.value for m in at.markdown)
    assert "axe-core" in text
    assert a11y.statement_date(lang) in text
    assert t("a11y.contact.text", lang) in text


def test_statement_names_the_contact_and_the_date_in_dutch() -> None:
    text = "\n".join(m.value for m in run_statement("nl").markdown)
    assert "Meld een probleem via de beheerder van dit dashboard" in text
    assert "28 november 2026" in text


def test_statement_page_is_registered_in_the_navigation() -> None:
    assert routes.BY_SLUG["toegankelijkheid"].file == PAGE


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_app_sets_the_page_language(lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    bodies = [b for b in html_bodies(at) if a11y.MARKER_ID in b]
    assert len(bodies) == 1
    assert f'document.documentElement.lang = "{lang}"' in bodies[0]
    assert "focus-visible" in bodies[0]
    at.radio(key="taal").set_value("nl" if lang == "en" else "en").run()
    other = "nl" if lang == "en" else "en"
    assert any(f'document.documentElement.lang = "{other}"' in b for b in html_bodies(at))


def test_lang_script_only_knows_the_two_languages() -> None:
    assert a11y.lang_script("en") == '<script>document.documentElement.lang = "en";</script>'
    assert '"nl"' in a11y.lang_script("fr")


def test_statement_date() -> None:
    assert a11y.statement_date("nl") == "28 november 2026"
    assert a11y.statement_date("en") == "28 November 2026"
