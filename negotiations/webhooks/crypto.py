"""Signing secrets sealed at rest with Fernet (AES-128-CBC and HMAC-SHA256, from
`cryptography`), so that a copy of the database does not let anyone sign webhooks.

The keys come from `WEBHOOK_SECRET_KEYS`: the first seals, every one unseals (MultiFernet),
so a key is rotated by putting a new one first and running `manage.py reseal_webhook_secrets`
before the old one is dropped. Without it, the key is derived from SECRET_KEY (HKDF-SHA256);
keys derived from SECRET_KEY and SECRET_KEY_FALLBACKS always unseal too, so that moving from
the default to keys of one's own, or rotating SECRET_KEY with a fallback, loses nothing.
"""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class SecretUnreadable(Exception):
    """A sealed secret that none of the configured keys opens."""


def key_from(secret_key: str | bytes) -> str:
    """The Fernet key derived from a Django SECRET_KEY (for this purpose only)."""
    raw = secret_key.encode() if isinstance(secret_key, str) else secret_key
    derived = HKDF(
        algorithm=SHA256(), length=32, salt=None, info=b"negotiation-tracker webhook secrets"
    ).derive(raw)
    return base64.urlsafe_b64encode(derived).decode()


def keys() -> list[str]:
    """The sealing key first, then every other key that unseals."""
    derived = [key_from(k) for k in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]
    configured = list(settings.WEBHOOK_SECRET_KEYS)
    return configured + [k for k in derived if k not in configured]


@functools.lru_cache(maxsize=4)
def _fernet(key_list: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in key_list])


def fernet() -> MultiFernet:
    return _fernet(tuple(keys()))


def seal(secret: str) -> str:
    return fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "A webhook secret is sealed with a key that is not configured: put the key that "
            "sealed it in WEBHOOK_SECRET_KEYS (or the SECRET_KEY of then in "
            "SECRET_KEY_FALLBACKS)."
        ) from None


def reseal(sealed: str) -> str:
    """The same secret sealed with the first key (MultiFernet.rotate)."""
    try:
        return fernet().rotate(sealed.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("A webhook secret is sealed with a key that is not configured.")
