"""API tokens are kept as digests, never as the keys themselves: a key is shown once, when it
is issued (`manage.py issue_token`, or the admin's "Add token"), and the token table, and so
every backup and dump of it, holds only the key's SHA-256, cut to fit DRF's `Token.key`
(no key is found from its digest, and none was shown by reading the table or the admin's
token list). `api.authentication` hashes the key a request presents and
looks its digest up."""

from __future__ import annotations

import hashlib
import secrets

from django.db import IntegrityError, transaction
from rest_framework.authtoken.models import Token

# A space in every digest: no `Authorization: Token …` header can carry one (DRF refuses a
# token with a space), so a digest read from the table, a backup or the admin's pages is
# never a key, not even to a version before this one, which compares keys as sent (an
# operator's outside test: that version, run on the upgraded database, took them).
PREFIX = "d "


def digest(key: str) -> str:
    """What the token table holds for `key`: the prefix and its SHA-256, cut to the 40
    characters of DRF's `Token.key` (152 bits)."""
    size = (Token._meta.get_field("key").max_length or 40) - len(PREFIX)
    return PREFIX + hashlib.sha256(key.encode()).hexdigest()[:size]


def new_key() -> str:
    return secrets.token_hex(20)  # 40 hexadecimal digits, as DRF's own keys


def issue(user, *, rotate: bool = False) -> str | None:
    """A new key for `user`, its digest stored; None where `user` holds a token already and
    `rotate` is not asked (its key cannot be shown again). Rotating ends the old key."""
    key = new_key()
    try:
        with transaction.atomic():
            if rotate:
                Token.objects.filter(user=user).delete()
            elif Token.objects.filter(user=user).exists():
                return None
            Token.objects.create(user=user, key=digest(key))
    except IntegrityError:  # another issue for this user came first
        return None
    return key
