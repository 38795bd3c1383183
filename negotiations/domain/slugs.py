"""The slug a name gives: one rule for processes and actors alike (`slugify`)."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

from .body_fields import SLUG_MAX

# Latin letters that Unicode does not decompose into a plain letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "ł": "l"}
    | {"Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)
SLUG_DIGEST_LENGTH = 8


def slugify(value: str) -> str:
    """The slug derived from a name: its Latin letters and digits without accents, joined
    by hyphens ("Intra-Syrian talks (Genève)" -> "intra-syrian-talks-geneve").

    A name with letters or digits that have no Latin spelling (Arabic, Cyrillic, Chinese...)
    gets a stable digest of the name after whatever Latin part it has: "Минские переговоры"
    -> "kuynfapa", "Minsk II: Минские переговоры" -> "minsk-ii-zkcw5ucj". The same name
    (ignoring case and spacing) always gives the same slug, so a second process of that name
    is refused as a Latin one would be. No transliteration library is in the lock (README)."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_LATIN_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    untold = any(not c.isascii() and unicodedata.category(c)[0] in "LN" for c in decomposed)
    if not untold:
        return slug[:SLUG_MAX].strip("-")
    key = " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    digest = hashlib.sha256(key.encode()).digest()
    suffix = base64.b32encode(digest).decode().lower()[:SLUG_DIGEST_LENGTH]
    head = slug[: SLUG_MAX - SLUG_DIGEST_LENGTH - 1].strip("-")
    return f"{head}-{suffix}" if head else suffix
