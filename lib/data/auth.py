"""Who may publish: roles, the analyst allow-list and a passphrase fallback.

Plain Python (no Streamlit). The UI reads ``st.secrets`` into ``AuthConfig.from_secrets``,
passes ``st.user``'s e-mail and login state to ``role_for`` and publishes only through
``guarded_publish``/``guarded_rollback``, which refuse a viewer with ``NotAllowed``: the check
lives here, not only in a hidden button. Secrets (all optional)::

    analysts = ["a.analist@minjenv.nl"]      # allow-list for OIDC login (st.login)
    analyst_passphrase_hash = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"
    [auth]                                    # Streamlit's OIDC settings
    ...

Make a passphrase hash with ``python -m lib.auth`` (asks twice, prints the secrets line).
Guessing is limited per client address and per server by ``lib.data.ratelimit``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import polars as pl

from lib.data.auth_errors import NotAllowed, PassphraseBusy, RateLimited
from lib.data.ratelimit import PassphraseGate
from lib.data.store import Scope, Store

Role = Literal["viewer", "analyst"]

logger = logging.getLogger("pmg.auth")

HASH_SCHEME: Final = "pbkdf2_sha256"
DEFAULT_ITERATIONS: Final = 600_000
SALT_BYTES: Final = 16
MAX_ITERATIONS: Final = 10_000_000


# ----------------------------------------------------------------------------- passphrase


def hash_passphrase(
    passphrase: str, *, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS
) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` for ``passphrase`` (random salt)."""
    if not passphrase:
        raise ValueError("the passphrase is empty")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be between 1 and {MAX_ITERATIONS}")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    if not salt:
        raise ValueError("the salt is empty")
    digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def _parse_hash(encoded: str) -> tuple[int, bytes, bytes] | None:
    """(iterations, salt, digest) of a well-formed hash string, else None."""
    parts = encoded.strip().split("$")
    if len(parts) != 4 or parts[0] != HASH_SCHEME:
        return None
    try:
        iterations = int(parts[1])
        salt, digest = bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        return None
    if not 1 <= iterations <= MAX_ITERATIONS or not salt or len(digest) < 16:
        return None
    return iterations, salt, digest


def passphrase_gate() -> PassphraseGate:
    """A new gate that checks passphrases with ``verify_passphrase`` (the web app keeps one)."""
    return PassphraseGate(verify_passphrase)


def verify_passphrase(passphrase: str, encoded: str) -> bool:
    """True when ``passphrase`` matches ``encoded``; compared in constant time."""
    parsed = _parse_hash(encoded)
    if parsed is None or not passphrase:
        return False
    iterations, salt, expected = parsed
    actual = hashlib.pbkdf2_hmac(
        "sha256", passphrase.encode("utf-8"), salt, iterations, dklen=len(expected)
    )
    return hmac.compare_digest(actual, expected)


# ----------------------------------------------------------------------------- config


@dataclass(frozen=True)
class AuthConfig:
    """What the secrets allow. ``analysts`` are lower-cased e-mail addresses."""

    analysts: frozenset[str] = frozenset()
    passphrase_hash: str | None = None
    oidc_configured: bool = False
    bad_hash: bool = False

    @classmethod
    def from_secrets(cls, secrets_: Mapping[str, object]) -> AuthConfig:
        """Read ``analysts``, ``analyst_passphrase_hash`` and the ``auth`` section.

        A malformed hash disables the passphrase (``bad_hash``) instead of raising, so a typo
        in the secrets never lets anybody in and ``publish_allowed`` can say why.
        """
        hashed = secrets_.get("analyst_passphrase_hash")
        text = hashed.strip() if isinstance(hashed, str) else ""
        valid = bool(text) and _parse_hash(text) is not None
        auth = secrets_.get("auth")
        return cls(
            analysts=_analysts(secrets_.get("analysts", ())),
            passphrase_hash=text if valid else None,
            oidc_configured=isinstance(auth, Mapping) and len(auth) > 0,
            bad_hash=bool(text) and not valid,
        )


def _analysts(raw: object) -> frozenset[str]:
    """The e-mail addresses in ``analysts`` (one address or a list), lower-cased."""
    items: Sequence[object] = [raw] if isinstance(raw, str) else _as_sequence(raw)
    return frozenset(e for e in (str(i).strip().lower() for i in items if isinstance(i, str)) if e)


def _as_sequence(value: object) -> Sequence[object]:
    if isinstance(value, (list, tuple)):
        return value
    return []


def publish_allowed(config: AuthConfig) -> tuple[bool, str]:
    """Whether anybody can become an analyst, with an i18n key that says how or why not."""
    oidc = config.oidc_configured and bool(config.analysts)
    passphrase = config.passphrase_hash is not None
    if oidc and passphrase:
        return True, "auth.enabled.both"
    if oidc:
        return True, "auth.enabled.oidc"
    if passphrase:
        return True, "auth.enabled.passphrase"
    if config.bad_hash:
        return False, "auth.disabled.bad_hash"
    if config.oidc_configured:
        return False, "auth.disabled.no_analysts"
    if config.analysts:
        return False, "auth.disabled.no_oidc"
    return False, "auth.disabled.none_configured"


def _listed(email: str, analysts: frozenset[str]) -> bool:
    """Constant-time membership: every entry is compared, no early exit."""
    probe = email.strip().lower().encode("utf-8")
    found = False
    for entry in sorted(analysts):
        found |= hmac.compare_digest(probe, entry.encode("utf-8"))
    return found


def _client_tag(client: str) -> str:
    """A short, non-reversible tag of the client address (addresses are not logged)."""
    return hashlib.sha256(client.encode("utf-8")).hexdigest()[:12]


# ----------------------------------------------------------------------------- roles


def role_for(
    config: AuthConfig,
    *,
    email: str | None,
    logged_in: bool,
    passphrase: str | None,
    gate: PassphraseGate | None = None,
    client: str = "anonymous",
) -> Role:
    """``analyst`` for an OIDC user on the allow-list or the right passphrase, else ``viewer``.

    OIDC counts only when the ``auth`` section is configured and the user is logged in. A
    passphrase is tried only when one is given. With a ``gate`` (the web app's, one per
    process) the guess counts against ``client`` (an address, see
    ``lib.data.ratelimit.client_address``) and the whole server, and ``RateLimited`` or
    ``PassphraseBusy`` refuse it before it is hashed. Attempts are logged on ``pmg.auth``
    with a short hash of the client, never the passphrase or the address.
    """
    if _oidc_analyst(config, email=email, logged_in=logged_in):
        return "analyst"
    if not passphrase:
        return "viewer"
    tag = _client_tag(client)
    encoded = config.passphrase_hash or ""
    try:
        right = (
            gate.check(passphrase, encoded, client)
            if gate is not None
            else verify_passphrase(passphrase, encoded)
        )
    except (RateLimited, PassphraseBusy) as refused:
        logger.warning("passphrase attempt refused (%s): client=%s", refused.key, tag)
        raise
    if right:
        logger.info("analyst role granted by passphrase: client=%s", tag)
        return "analyst"
    failures = gate.failures(client) if gate is not None else None
    logger.warning("failed passphrase attempt: client=%s failures_in_window=%s", tag, failures)
    return "viewer"


def _oidc_analyst(config: AuthConfig, *, email: str | None, logged_in: bool) -> bool:
    """A user logged in through the configured ``auth`` section, on the allow-list."""
    return bool(config.oidc_configured and logged_in and email and _listed(email, config.analysts))


def require_analyst(role: Role) -> None:
    """Raise ``NotAllowed`` unless ``role`` is ``analyst``."""
    if role != "analyst":
        raise NotAllowed(f"role {role!r} may not change the published data", role=role)


def guarded_publish(
    store: Store,
    role: Role,
    table: str,
    frame: pl.DataFrame,
    *,
    who: str,
    comment: str,
    source_name: str,
    checksum: str,
    scope: Scope = "alles",
) -> int:
    """``store.publish`` for an analyst; ``NotAllowed`` for anybody else (nothing written)."""
    require_analyst(role)
    return store.publish(
        table,
        frame,
        who=who,
        comment=comment,
        source_name=source_name,
        checksum=checksum,
        scope=scope,
    )


def guarded_rollback(store: Store, role: Role, version: int, *, who: str, comment: str) -> int:
    """``store.rollback`` for an analyst; ``NotAllowed`` for anybody else (nothing written)."""
    require_analyst(role)
    return store.rollback(version, who=who, comment=comment)


# ----------------------------------------------------------------------------- command line


def secrets_line(passphrase: str, *, iterations: int = DEFAULT_ITERATIONS) -> str:
    """The line to put in ``.streamlit/secrets.toml`` for ``passphrase``."""
    return f'analyst_passphrase_hash = "{hash_passphrase(passphrase, iterations=iterations)}"'
