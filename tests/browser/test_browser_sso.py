"""Single sign-on end to end: ``st.login`` against a local OpenID Connect provider
(``oidc-provider-mock``) in headless Chromium.

An app server of its own runs with an ``[auth]`` section, an allow-list of one e-mail address
and an analysts' group. A member of the group and the listed address become analysts (they
can upload); anybody else who signs in stays a reader and is told why. Signing out ends the
login at the app and at the provider.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_app import App, ServerError, free_port, serve_app
from oidc_provider import auth_section, available, oidc_provider
from playwright.sync_api import Browser, BrowserContext, expect

pytestmark = pytest.mark.browser

GROUP_MEMBER = "a.analist@example.org"
LISTED = "l.lijst@example.org"
OTHER = "b.bezoeker@example.org"
USERS = [
    {"sub": GROUP_MEMBER, "email": GROUP_MEMBER, "name": "A. Analist", "groups": ["pmg-analisten"]},
    {"sub": LISTED, "email": LISTED, "name": "L. Lijst", "groups": ["lezers"]},
    {"sub": OTHER, "email": OTHER, "name": "B. Bezoeker", "groups": ["lezers", "pmg"]},
]


@pytest.fixture(scope="module")
def sso_url(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with single sign-on against a local provider; yields the app's base URL."""
    if not available():
        pytest.fail("oidc-provider-mock is not installed (pip install -e '.[dev]')", pytrace=False)
    folder = tmp_path_factory.mktemp("sso")
    app_port = free_port()
    app = f"http://127.0.0.1:{app_port}"
    with oidc_provider(free_port(), USERS, folder / "provider.log") as issuer:
        text = f'analysts = ["{LISTED}"]\nanalyst_group = "pmg-analisten"\n' + auth_section(
            app, issuer, secrets.token_hex(32)
        )
        try:
            with serve_app(folder / "streamlit.log", port=app_port, secrets_text=text) as url:
                yield url
        except ServerError as error:
            pytest.fail(str(error), pytrace=False)


@pytest.fixture
def visitor(browser: Browser, sso_url: str) -> Iterator[Callable[[], App]]:
    contexts: list[BrowserContext] = []

    def make() -> App:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        return App.attach(context, sso_url)

    yield make
    for context in contexts:
        context.close()


def sign_in(app: App, who: str) -> None:
    """From the data page, through the provider's page (one click on the user), back."""
    app.open("data")
    expect(
        app.main.get_by_text("Analisten loggen in met hun account of met de wachtwoordzin.")
    ).to_be_visible()
    app.main.get_by_role("button", name="Inloggen").click()
    app.page.wait_for_url("**/oauth2/authorize**")
    app.page.get_by_role("button", name=who).click()
    app.page.wait_for_url(f"{app.base_url}/**")
    app.settle(first=True)
    app.open("data")


def test_a_member_of_the_analysts_group_signs_in_can_upload_and_signs_out(
    visitor: Callable[[], App],
) -> None:
    app = visitor()
    sign_in(app, GROUP_MEMBER)
    expect(app.main.get_by_text(f"Aangemeld als {GROUP_MEMBER}.")).to_be_visible()
    expect(app.main.get_by_text("Uw rol: Analist")).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(1)
    assert "_streamlit_user" in {c["name"] for c in app.page.context.cookies()}
    # still signed in after a reload (a new session): the login is a signed cookie
    app.open("data")
    expect(app.main.get_by_text("Uw rol: Analist")).to_be_visible()

    app.main.get_by_role("button", name="Uitloggen").click()
    app.page.wait_for_url("**/oauth2/end_session**")
    app.page.get_by_role("button", name="End session").click()
    app.page.wait_for_url(f"{app.base_url}/**")
    app.settle(first=True)
    app.open("data")
    expect(app.main.get_by_role("button", name="Inloggen")).to_be_visible()
    expect(app.main.get_by_text("Uw rol: Lezer")).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    assert "_streamlit_user" not in {c["name"] for c in app.page.context.cookies()}


def test_an_address_on_the_allow_list_is_an_analyst(visitor: Callable[[], App]) -> None:
    app = visitor()
    sign_in(app, LISTED)
    expect(app.main.get_by_text("Uw rol: Analist")).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(1)


def test_anybody_else_reads_and_is_told_why(visitor: Callable[[], App]) -> None:
    app = visitor()
    sign_in(app, OTHER)
    expect(app.main.get_by_text(f"Aangemeld als {OTHER}.")).to_be_visible()
    expect(
        app.main.get_by_text(
            f"U bent aangemeld als {OTHER}, maar dit account staat niet op de lijst van analisten"
            " en is geen lid van de groep analisten.",
            exact=False,
        )
    ).to_be_visible()
    expect(app.main.get_by_text("Uw rol: Lezer")).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(app.main.get_by_role("button", name="Uitloggen")).to_be_visible()
