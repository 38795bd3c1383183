"""Text folded for search: case and accents ignored in every script, the same way on SQLite
and PostgreSQL. SQLite's `LIKE` and `lower()` fold ASCII only ("Минские" would not find
"минские"), and PostgreSQL's follow the database's collation; so the projection stores each
process's name, conflict and description folded (`Process.search_text`) and a search folds
its query the same way and looks for it there."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Between the folded fields, so that a query never matches across two of them.
SEPARATOR = "\n"


def fold(text: str) -> str:
    """Case folded (Unicode's full case folding: "ß" is "ss", "Σ" and "ς" are "σ"), in
    compatibility form (ligatures and full-width letters as plain ones), without combining
    marks (accents, Arabic vowel signs): "Genève" and "GENEVE" fold alike."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(name: str, conflict: str, description: str, other_names: Sequence[str] = ()) -> str:
    """What `Process.search_text` holds for these values: with `other_names`, the process's
    names in the six languages (given by an event, `NAMING`), each folded the same way."""
    parts = (name, conflict, description, *other_names)
    return SEPARATOR.join(fold(part or "") for part in parts)


def search_query(text: str) -> str:
    """A reader's query as it is looked for in `search_text` (empty: no search)."""
    return fold(text.strip()).replace(SEPARATOR, " ")
