"""Who may publish: passphrase hashes, the allow-list, roles, guards and the rate limiter."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import polars as pl
import pytest
from store_worker import make_frame, make_voortgang

from lib.config import ROOT
from lib.data.auth import (
    DEFAULT_ITERATIONS,
    AuthConfig,
    guarded_publish,
    guarded_rollback,
    hash_passphrase,
    publish_allowed,
    require_analyst,
    role_for,
    verify_passphrase,
)
from lib.data.auth_errors import NotAllowed, RateLimited
from lib.data.ratelimit import PassphraseGate, RateLimiter
from lib.data.store import Store
from lib.text.i18n import CATALOGUE, t

SECRET = "Gezag-Preventie 2022 ñ"
FAST = 1_000  # iterations for tests; the default is checked once
SALT = bytes(range(16))
HASH = hash_passphrase(SECRET, salt=SALT, iterations=FAST)
AUTH_SECTION = {"redirect_uri": "http://localhost:8501/oauth2callback", "client_id": "x"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _config(**secrets: object) -> AuthConfig:
    return AuthConfig.from_secrets(secrets)


# ----------------------------------------------------------------------------- hashing


def test_hash_format_and_verification() -> None:
    scheme, iterations, salt, digest = HASH.split("$")
    assert (scheme, iterations, salt) == ("pbkdf2_sha256", "1000", SALT.hex())
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert hash_passphrase(SECRET, salt=SALT, iterations=FAST) == HASH  # deterministic
    assert verify_passphrase(SECRET, HASH)
    assert not verify_passphrase(SECRET + " ", HASH)
    assert not verify_passphrase("gezag-preventie 2022 ñ", HASH)
    assert not verify_passphrase("", HASH)


def test_default_hash_uses_a_random_salt_and_600000_iterations() -> None:
    first, second = hash_passphrase(SECRET), hash_passphrase(SECRET, iterations=FAST)
    assert first.split("$")[1] == str(DEFAULT_ITERATIONS) == "600000"
    assert len(bytes.fromhex(first.split("$")[2])) == 16
    assert first.split("$")[2] != second.split("$")[2]
    assert verify_passphrase(SECRET, first)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "geheim",
        HASH.replace("pbkdf2_sha256", "md5"),
        HASH.replace("$1000$", "$duizend$"),
        HASH.replace("$1000$", "$0$"),
        HASH.rsplit("$", 1)[0] + "$zz",
        HASH.rsplit("$", 1)[0] + "$abcd",  # too short to be a real digest
        HASH + "$extra",
    ],
)
def test_malformed_hashes_never_verify(encoded: str) -> None:
    assert not verify_passphrase(SECRET, encoded)
    assert _config(analyst_passphrase_hash=encoded).passphrase_hash is None


def test_hash_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="empty"):
        hash_passphrase("")
    with pytest.raises(ValueError, match="iterations"):
        hash_passphrase(SECRET, iterations=0)
    with pytest.raises(ValueError, match="salt"):
        hash_passphrase(SECRET, salt=b"", iterations=FAST)


# ----------------------------------------------------------------------------- config


def test_config_from_secrets() -> None:
    config = _config(
        analysts=[" A.Analist@MinJenV.nl", "b@example.nl", "", 7],
        analyst_passphrase_hash=f"  {HASH}\n",
        auth=AUTH_SECTION,
    )
    assert config.analysts == frozenset({"a.analist@minjenv.nl", "b@example.nl"})
    assert config.passphrase_hash == HASH
    assert config.oidc_configured
    assert not config.bad_hash
    assert _config(analysts="één@example.nl").analysts == frozenset({"één@example.nl"})
    assert _config(analysts={"a": 1}).analysts == frozenset()
    assert not _config(auth={}).oidc_configured
    assert not _config(auth="ja").oidc_configured
    assert _config(analyst_passphrase_hash="geheim").bad_hash


def test_config_from_streamlit_secrets() -> None:
    """``st.secrets`` and its sections are read-only mappings, not dicts."""
    from streamlit.runtime.secrets import AttrDict

    secrets = AttrDict({"auth": AUTH_SECTION, "analysts": ["a@b.nl"]})
    config = AuthConfig.from_secrets(secrets)
    assert config.oidc_configured
    assert config.analysts == frozenset({"a@b.nl"})


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, (False, "auth.disabled.none_configured")),
        ({"analysts": ["a@b.nl"]}, (False, "auth.disabled.no_oidc")),
        ({"auth": AUTH_SECTION}, (False, "auth.disabled.no_analysts")),
        ({"auth": AUTH_SECTION, "analysts": []}, (False, "auth.disabled.no_analysts")),
        ({"analyst_passphrase_hash": "kapot"}, (False, "auth.disabled.bad_hash")),
        ({"auth": AUTH_SECTION, "analysts": ["a@b.nl"]}, (True, "auth.enabled.oidc")),
        ({"analyst_passphrase_hash": HASH}, (True, "auth.enabled.passphrase")),
        (
            {"auth": AUTH_SECTION, "analysts": ["a@b.nl"], "analyst_passphrase_hash": HASH},
            (True, "auth.enabled.both"),
        ),
    ],
)
def test_publish_allowed_says_why(secrets: dict[str, object], expected: tuple[bool, str]) -> None:
    assert publish_allowed(AuthConfig.from_secrets(secrets)) == expected
    for lang in ("nl", "en"):
        assert CATALOGUE[lang][expected[1]]


# ----------------------------------------------------------------------------- roles

OIDC = _config(auth=AUTH_SECTION, analysts=["A.Analist@MinJenV.nl"], analyst_passphrase_hash=HASH)


@pytest.mark.parametrize(
    ("config", "email", "logged_in", "passphrase", "role"),
    [
        (OIDC, "a.analist@minjenv.nl", True, None, "analyst"),
        (OIDC, "  A.ANALIST@minjenv.NL ", True, None, "analyst"),
        (OIDC, "a.analist@minjenv.nl", False, None, "viewer"),
        (OIDC, "iemand@minjenv.nl", True, None, "viewer"),
        (OIDC, "a.analist@minjenv.nl.evil", True, None, "viewer"),
        (OIDC, None, True, None, "viewer"),
        (OIDC, "", True, "", "viewer"),
        (OIDC, None, False, SECRET, "analyst"),
        (OIDC, "iemand@minjenv.nl", True, SECRET, "analyst"),
        (OIDC, None, False, "fout", "viewer"),
        # an allow-list without OIDC configured never counts, even when st.user says so
        (_config(analysts=["a.analist@minjenv.nl"]), "a.analist@minjenv.nl", True, None, "viewer"),
        (_config(), None, False, SECRET, "viewer"),
        (_config(analyst_passphrase_hash="kapot"), None, False, "kapot", "viewer"),
    ],
)
def test_role_for(
    config: AuthConfig, email: str | None, logged_in: bool, passphrase: str | None, role: str
) -> None:
    assert role_for(config, email=email, logged_in=logged_in, passphrase=passphrase) == role


def test_require_analyst() -> None:
    require_analyst("analyst")
    with pytest.raises(NotAllowed) as caught:
        require_analyst("viewer")
    assert caught.value.key == "auth.not_allowed"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store")
    s.ensure_base({"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="b")
    return s


def test_guarded_functions_refuse_a_viewer_and_write_nothing(store: Store) -> None:
    with pytest.raises(NotAllowed):
        guarded_publish(
            store,
            "viewer",
            "interventies",
            make_frame(1),
            who="x",
            comment="c",
            source_name="f.csv",
            checksum="s",
        )
    with pytest.raises(NotAllowed):
        guarded_rollback(store, "viewer", 0, who="x", comment="c")
    with pytest.raises(NotAllowed):
        guarded_publish(
            store,
            "admin",
            "interventies",
            make_frame(1),  # type: ignore[arg-type]
            who="x",
            comment="c",
            source_name="f.csv",
            checksum="s",
        )
    assert store.current_version() == 0
    assert store.history().height == 1


def test_guarded_functions_let_an_analyst_publish_and_restore(store: Store) -> None:
    version = guarded_publish(
        store,
        "analyst",
        "interventies",
        make_frame(1).filter(pl.col("gemeentecode") == "GM0014"),
        who="a@b.nl",
        comment="c",
        source_name="f.csv",
        checksum="s",
        scope="gemeenten",
    )
    assert version == 1
    assert store.version_info(1)["scope"] == "gemeenten"
    assert guarded_rollback(store, "analyst", 0, who="a@b.nl", comment="terug") == 2
    assert store.read("interventies").equals(make_frame(0))


def test_ui_code_publishes_only_through_the_guards() -> None:
    """No page or UI module calls ``Store.publish``/``rollback`` directly."""
    files = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]
    files += [
        p for p in sorted((ROOT / "lib").rglob("*.py")) if p.name not in ("store.py", "auth.py")
    ]
    direct = re.compile(r"\.(publish|rollback)\(")
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in files
        if p.exists() and direct.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# ----------------------------------------------------------------------------- rate limit


def test_role_for_counts_failures_and_blocks(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    gate = PassphraseGate(
        verify_passphrase,
        per_client=RateLimiter(max_failures=5, window_seconds=300, clock=clock),
        per_server=RateLimiter(max_failures=100, window_seconds=60, clock=clock),
    )
    client = "192.0.2.15"
    caplog.set_level(logging.INFO, logger="pmg.auth")
    for attempt in range(5):
        wrong = f"fout-{attempt}-{SECRET}"
        assert (
            role_for(OIDC, email=None, logged_in=False, passphrase=wrong, gate=gate, client=client)
            == "viewer"
        )
    with pytest.raises(RateLimited) as caught:
        role_for(OIDC, email=None, logged_in=False, passphrase=SECRET, gate=gate, client=client)
    assert caught.value.key == "auth.rate_limited"
    assert caught.value.params == {"n": 300}
    assert "300 seconden" in t(caught.value.key, "nl", **caught.value.params)
    # another address is not blocked; an OIDC analyst never needs the passphrase
    assert (
        role_for(
            OIDC, email=None, logged_in=False, passphrase=SECRET, gate=gate, client="198.51.100.7"
        )
        == "analyst"
    )
    assert (
        role_for(
            OIDC,
            email="a.analist@minjenv.nl",
            logged_in=True,
            passphrase="x",
            gate=gate,
            client=client,
        )
        == "analyst"
    )
    clock.now += 300
    assert (
        role_for(OIDC, email=None, logged_in=False, passphrase=SECRET, gate=gate, client=client)
        == "analyst"
    )
    assert gate.failures(client) == 0  # a success resets the count

    records = [r for r in caplog.records if r.name == "pmg.auth"]
    failed = [r for r in records if "failed passphrase attempt" in r.getMessage()]
    assert len(failed) == 5
    assert all(r.levelno == logging.WARNING for r in failed)
    assert failed[-1].getMessage().endswith("failures_in_window=5")
    assert any("refused (auth.rate_limited)" in r.getMessage() for r in records)
    for record in records:
        text = record.getMessage() + repr(record.args)
        assert SECRET not in text
        assert "fout-" not in text
        assert client not in text  # the address is logged only as a short hash


def test_failed_attempt_without_gate_is_logged_without_the_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="pmg.auth")
    assert role_for(OIDC, email=None, logged_in=False, passphrase="mijn-geheim") == "viewer"
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "mijn-geheim" not in caplog.text
