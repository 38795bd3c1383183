"""A name as a reader sees it: in the reader's language when one was given in it
(given by an event, `NAMING`), with the original beside it where they differ.

The original is the name the process was opened with, or the actor registry's name. Only a
name a source gave is shown as a name in a language: when none was given in the reader's
language, the original is shown as it is, never a transliteration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from django.utils.translation import get_language

from negotiations.domain.vocabulary import LANGUAGES


class Named(Protocol):
    """A process row, or an actor (whose names in the languages are passed beside it)."""

    name: str


@dataclass
class Registered:
    """An actor's name as the registry holds it, for `name_in` (its names in the languages,
    given by a process's events, passed beside it)."""

    name: str


class Shown(NamedTuple):
    name: str  # what to show
    lang: str  # its language (a `lang` attribute), "" when not known
    original: str  # the original name, when it differs from `name`; "" otherwise


def language_of(language: str | None) -> str:
    """One of the six languages for a reader's language code (`fr-ca` is `fr`, `zh-hans`
    and `zh-cn` are `zh-hans`), or "" for another."""
    code = (language or "").lower().replace("_", "-")
    if code in LANGUAGES:
        return code
    base = code.split("-")[0]
    if base == "zh":
        return "zh-hans"
    return base if base in LANGUAGES else ""


def name_in(named: Named, language: str | None, names: Mapping[str, str] | None = None) -> Shown:
    """`named`'s name in `language`, its language and the original beside it. `names` are
    its names in the languages ({language: name}); a process row's own (`names`) when None."""
    given = dict(names if names is not None else getattr(named, "names", None) or {})
    original = named.name
    # The original's language, when a name given in one of the languages is the same.
    original_lang = next((lang for lang in LANGUAGES if given.get(lang) == original), "")
    wanted = language_of(language)
    if wanted and given.get(wanted):
        name = given[wanted]
        return Shown(name, wanted, "" if name == original else original)
    return Shown(original, original_lang, "")


def in_reader_language(named: Named) -> Shown:
    """`named`'s name in the language of the page or message being made (the active one):
    the board's and the digests' one rule."""
    return name_in(named, get_language())


def actor_shown(
    slug: str, registry_names: Mapping[str, str], actor_names: Mapping[str, Mapping[str, str]]
) -> Shown:
    """An actor of a process in the reader's language (`get_language()`): the registry's
    name (`registry_names`, by slug), or a name the process's events gave it in that
    language (`actor_names`: {slug: {language: name}}). The board and the digests alike."""
    given = actor_names.get(slug, {})
    return name_in(Registered(registry_names.get(slug, slug)), get_language(), given)
