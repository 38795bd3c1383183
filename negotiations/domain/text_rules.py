"""The rules text meets at the edge of the domain, each a refusal's code and words (`Words`)
or None: what no database can store (always), what no feed or calendar can carry, and what a
name or a label, one line printed in titles and subjects, may not hold. New text meets them
all; history restored from an export (`restoring`, its events' record times given) meets only
the first, since a stored event is never validated again by a rule newer than it."""

from __future__ import annotations

import re
import unicodedata

from .errors import Words
from .vocabulary import gettext_noop

Refusal = tuple[str, Words]

# NUL (PostgreSQL refuses it in text) and lone surrogates (no UTF-8 holds one): the API's edge
# refuses them before any view (`tracker/middleware.py`); an import meets them here.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Characters no feed or calendar can carry (XML 1.0 and iCalendar refuse them): the C0
# controls but the tab and the line breaks, DEL, and the noncharacters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# A name or a label is one line: in a calendar's name, a feed's title or an email's subject a
# tab or a line break has no place.
LINE_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]")
# The Unicode bidirectional formatting characters: embeddings, overrides, isolates and the
# invisible marks. In a name they can reverse the text around it wherever the name is printed
# (a feed's title, a plain-text email); Arabic and Hebrew letters need none of them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _named(found: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in sorted(set(found)))


def bidi_control_refusal(text: str) -> Words | None:
    """Why a name or label cannot hold `text` (a bidirectional control in it), or None."""
    found = sorted(BIDI_CONTROLS.intersection(text))
    if not found:
        return None
    named = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'bidi control')})" for c in found)
    return Words(
        gettext_noop(
            "Contains %(named)s, which can reverse the text around it: remove it "
            "(Arabic and Hebrew text needs no such character)."
        ),
        named=named,
    )


def unstorable_refusal(text: str) -> Refusal | None:
    found = UNSTORABLE.findall(text)
    if not found:
        return None
    return "unstorable", Words(
        gettext_noop("Contains %(named)s, which no database can store: remove it."),
        named=_named(found),
    )


def control_refusal(text: str, *, one_line: bool) -> Refusal | None:
    """Why text cannot hold `text` (a control character in it; in a name or a label, which
    is `one_line`, a tab or a line break too), or None."""
    found = CONTROL_CHARACTERS.findall(text)
    if found:
        return "control_character", Words(
            gettext_noop(
                "Contains %(named)s, a control character that no feed or calendar can carry: "
                "remove it."
            ),
            named=_named(found),
        )
    breaks = LINE_BREAKS.findall(text) if one_line else []
    if breaks:
        return "line_break", Words(
            gettext_noop("Contains %(named)s (a tab or a line break): write it on one line."),
            named=_named(breaks),
        )
    return None


def name_refusal(text: str) -> Refusal | None:
    """Why a name or a label cannot hold `text`, or None."""
    refusal = control_refusal(text, one_line=True)
    if refusal:
        return refusal
    bidi = bidi_control_refusal(text)
    return ("bidi_control", bidi) if bidi else None


def text_refusal(text: str, *, label: bool, restoring: bool = False) -> Refusal | None:
    """Why text, or a name or a label (`label`), cannot hold `text`; restored history only
    what no database can store."""
    refusal = unstorable_refusal(text)
    if refusal or restoring:
        return refusal
    return name_refusal(text) if label else control_refusal(text, one_line=False)
