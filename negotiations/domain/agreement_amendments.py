"""An amendment of an agreement's event is an event about the agreement: its version (the
sequence of its latest event) moves with a correction or a retraction of one of its events,
as it moves with each of them (an analyst's outside test: a corrected signing left it as it
was, so a reader comparing versions missed the change)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .agreement_lifecycle import AGREEMENT_EVENTS
from .agreements import Agreements
from .entries import View


def note_amendments(agreements: Agreements, views: Iterable[View]) -> None:
    """Move each agreement's version to the latest amendment of its events, if later."""
    for view in views:
        if view.entry.type not in AGREEMENT_EVENTS:
            continue
        amended = [c["sequence"] for c in view.corrections]
        if view.retraction is not None:
            amended.append(view.retraction["sequence"])
        slug = str(view.values.get("agreement", ""))
        agreement = agreements.by_slug.get(slug)
        if agreement is not None and amended and max(amended) > agreement.version:
            agreements.by_slug[slug] = replace(agreement, version=max(amended))
