"""Which way the reader's language reads, for the few signs that point."""

from django.utils import translation

# Isolates (Unicode's FSI ... PDI): a value set in running text keeps its own direction, so
# an ISO date or a Latin slug in Arabic text is not reordered by the text around it.
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def change_arrow() -> str:
    """The arrow between what was and what became, pointing the way the reader reads: in a
    right-to-left language the first stands on the right."""
    return "\u2190" if translation.get_language_bidi() else "\u2192"


def isolated_in_bidi(value: str) -> str:
    """`value` isolated when the reader's language is written right to left."""
    if translation.get_language_bidi():
        return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"
    return value
