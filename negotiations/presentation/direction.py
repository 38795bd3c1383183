"""Which way the reader's language reads, and text kept in its own direction inside it."""

from django.utils import translation

# Unicode's first-strong and pop directional isolates: plain text's <bdi> (a page's <title>,
# a picture's tooltip, a sentence built here, a value set in a refusal), so that a Latin name
# or an ISO date in an Arabic sentence, or an Arabic name in an English one, keeps its order
# and the sentence's. Names never hold them (the bidirectional controls are refused at the
# edge).
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolated(text: str | None) -> str:
    """`text` isolated for the bidirectional algorithm ("" stays "")."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else ""


def isolated_in_bidi(value: str) -> str:
    """`value` isolated when the reader's language is written right to left."""
    return isolated(value) if translation.get_language_bidi() else value


def left_to_right_in_bidi(text: str) -> str:
    """`text` kept left to right (U+2066 ... U+2069) when the reader's language is written
    right to left: digits joined by hyphens ("75-0", "2016-02-03") after Arabic words are
    Arabic numbers, which a hyphen does not join, and read "0-75", "03-02-2016"."""
    return f"\u2066{text}\u2069" if translation.get_language_bidi() else text


def change_arrow() -> str:
    """The arrow between what was and what became, pointing the way the reader reads: in a
    right-to-left language the first stands on the right."""
    return in_reading_direction("\u2192")


# An arrow that says where time went, and the same arrow in a right-to-left reading, where
# time runs from right to left: a rise to the right is a rise to the left.
MIRRORED = {"\u2192": "\u2190", "\u2197": "\u2196", "\u2198": "\u2199"}


def in_reading_direction(arrow: str) -> str:
    """`arrow` (→ ↗ ↘) as it points for the reader: mirrored in a right-to-left language."""
    return MIRRORED.get(arrow, arrow) if translation.get_language_bidi() else arrow
