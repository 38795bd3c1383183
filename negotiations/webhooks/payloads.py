"""What a webhook says: the Standard Webhooks envelope `{"type", "timestamp", "data"}`, with
everything a receiver needs to act without calling back: the process (id, slug, name), the
event as the API shows it, the process's status before and after it, for an amendment the
amended event as it now stands, and the names of the actors it names.

The status before and after an event is the corrected history's, as the store held it at the
event's position. Delivery reads the store in order, so each process's history is folded
once, one event at a time (`Stories`), as the aggregate itself does; an amendment folds the
whole history again, as the aggregate does too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from api.representations import corrected_event_repr
from negotiations.domain.actor_refs import ACTOR_KEYS
from negotiations.domain.agreement_lifecycle import AGREEMENT_EVENTS
from negotiations.domain.history import AMENDMENTS, Entry, Situation, View, replay
from negotiations.domain.registry import CORRECTION, KINDS, RETRACTION, STATUS_CHANGING_TYPES
from negotiations.write.models import Actor
from negotiations.write.records import jsonable

VERSION = 2  # of the payload's shape; 1 was `{"type", "position", "process", ...}`


def agreement_change(entry: Entry, told: Told) -> dict[str, Any] | None:
    """For an agreement event: the agreement (slug, title) and its lifecycle status before
    and after it (None before its signing); None for any other event."""
    slug = entry.values.get("agreement") if entry.type in AGREEMENT_EVENTS else None
    if not slug:
        return None
    before = told.before.agreements.by_slug.get(slug)
    after = told.after.agreements.by_slug[slug]
    return {
        "slug": slug,
        "title": after.title,
        "concluded": after.concluded,  # "agreed": no signing reported (`agreement.signed` too)
        "status_before": before.status if before else None,
        "status_after": after.status,
    }


def envelope_type(entry: Entry, told: Told | None = None) -> str:
    """The envelope's type: an amendment's, an agreement's (`agreement.signed`,
    `agreement.status_changed`), a status change's, or `event.recorded`."""
    change = agreement_change(entry, told) if told is not None else None
    if change is not None and change["status_before"] is None:
        return "agreement.signed"
    if change is not None and change["status_before"] != change["status_after"]:
        return "agreement.status_changed"
    if entry.type == CORRECTION:
        return "event.corrected"
    if entry.type == RETRACTION:
        return "event.retracted"
    return "status.changed" if entry.type in STATUS_CHANGING_TYPES else "event.recorded"


@dataclass
class Told:
    """What one event changed: the process's situation before and after it, and for an
    amendment the corrected view of every event after it."""

    before: Situation
    after: Situation
    views: dict[int, View] | None


class Stories:
    """Each process's situation after the last event told, to tell the next one from. Only
    situations are kept (small); an amendment, rare, reads its history from the store and
    folds it again, as the aggregate does."""

    LIMIT = 1000  # processes kept; beyond, the oldest are forgotten (folded again if asked)

    def __init__(self) -> None:
        self.folded: dict[uuid.UUID, Situation] = {}

    def tell(self, app, process_id: uuid.UUID, entry: Entry) -> Told:
        before = self.folded.pop(process_id, None)
        history: list[Entry] | None = None
        if before is None or before.version != entry.sequence - 1:
            history = self.history(app, process_id, entry.sequence - 1)
            before = replay(history).situation
        views = None
        if entry.type in AMENDMENTS:
            if history is None:
                history = self.history(app, process_id, entry.sequence - 1)
            replayed = replay([*history, entry])
            after, views = replayed.situation, replayed.views
        else:
            after = before.copy()
            after.apply(entry)
            after.version = entry.sequence
        if len(self.folded) >= self.LIMIT:
            self.folded.pop(next(iter(self.folded)))
        self.folded[process_id] = after
        return Told(before, after, views)

    @staticmethod
    def history(app, process_id: uuid.UUID, through: int) -> list[Entry]:
        if through < 1:
            return []
        stored = app.recorder.select_events(process_id, lte=through)
        return [app.mapper.to_domain_event(s).entry() for s in stored]


def actor_slugs(value: Any, key: str = "") -> set[str]:
    """The actor slugs an event's values name, however deep (causes, corrections)."""
    if isinstance(value, dict):
        return set().union(*(actor_slugs(v, k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(actor_slugs(v, key) for v in value))
    if key in ACTOR_KEYS and isinstance(value, str):
        return {value}
    return set()


def actor_names(*values: Any) -> dict[str, str]:
    slugs = set().union(*(actor_slugs(v) for v in values))
    if not slugs:
        return {}
    return dict(Actor.objects.filter(slug__in=slugs).order_by("slug").values_list("slug", "name"))


def data_for(
    *,
    position: int,
    process_id: uuid.UUID,
    entry: Entry,
    event: dict[str, Any],
    told: Told,
) -> dict[str, Any]:
    """The envelope's `data`, but for `redelivery` (which depends on the endpoint)."""
    data: dict[str, Any] = {
        "version": VERSION,
        "position": position,
        "process": {"id": str(process_id), "slug": told.after.slug, "name": told.after.name},
        "event": event,
        "status_before": told.before.status,
        "status_after": told.after.status,
    }
    if told.views is not None:
        key = KINDS[entry.type].amends
        data["amended"] = corrected_event_repr(told.views[int(entry.values[key])])
    agreement = agreement_change(entry, told)
    if agreement is not None:
        data["agreement"] = agreement
    data["actors"] = actor_names(jsonable(entry.values), data.get("amended"))
    return data
