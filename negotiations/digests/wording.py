"""A digest's words: event types, statuses and choices in the digest's language, actors by
name, stated causes, and each event told through its registry teller (`DigestVoice`)."""

from __future__ import annotations

from typing import Any

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.registry import tell
from negotiations.presentation.direction import isolated_in_bidi
from negotiations.presentation.labels import ReadersVoice, category_label
from negotiations.read.names import actor_shown

from . import selectors
from .parts import Cause, as_date, world_date


class Names:
    """Actors' names by slug (a slug the registry lacks is shown as it is), or the name the
    process's events gave one in the reader's language by the digest's end (`given`: {slug:
    {language: name}}; a review found the board used them and the digest not), and the
    process's agreements' titles by slug (`titles`)."""

    def __init__(
        self,
        slugs: set[str],
        titles: dict[str, str] | None = None,
        given: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.names = selectors.actor_names(slugs) if slugs else {}
        self.titles = titles or {}
        self.given = given or {}

    def __call__(self, slug: str | None) -> str:
        return isolated_in_bidi(actor_shown(slug or "", self.names, self.given).name)

    def agreement(self, slug: str | None) -> str:
        return isolated_in_bidi(self.titles.get(slug or "", slug or ""))


def slugs_in(values: dict[str, Any]) -> set[str]:
    return set(referenced_actors(values))


def causes_of(values: dict[str, Any], name: Names) -> list[Cause]:
    causes = []
    for c in values.get("causes") or ():
        source = c.get("source") or {}
        causes.append(
            Cause(
                category=category_label(c.get("category")),
                description=c.get("description", ""),
                stated_by=name(c.get("stated_by")),
                source_url=source.get("url", ""),
                source_outlet=source.get("outlet", ""),
            )
        )
    return causes


class DigestVoice(ReadersVoice):
    """Names and dates as a digest shows them: '3 Feb 2016'."""

    def __init__(self, name: Names) -> None:
        self.who = name
        self.agreement = name.agreement

    def date(self, value: Any, precision: str = "day") -> str:
        return world_date(as_date(value), precision) if value else ""

    def text(self, value: Any) -> str:
        return isolated_in_bidi(str(value)) if value else ""


def detail_of(event_type: str, values: dict[str, Any], name: Names) -> str:
    return tell(event_type, values, DigestVoice(name)).detail
