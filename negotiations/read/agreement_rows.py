"""The agreements read model as rows: a domain `Agreement` to its `Agreement` and
`AgreementActor` rows and back. The projection writes with these (and nothing else writes
the tables); a process's agreements are read back from its rows to fold the next event."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from negotiations.domain import agreements as domain
from negotiations.domain.history import Entry, Situation
from negotiations.read.models import Agreement, AgreementActor, Process

# The domain agreement's fields, each a column of the same name.
_COLUMNS = tuple(f.name for f in fields(domain.Agreement))
_TUPLES = ("signatories", "third_parties", "ended_by", "votes", "breaches")
_DATES_IN_LISTS = ("votes", "breaches")


def agreement_values(agreement: domain.Agreement) -> dict[str, Any]:
    """The row's columns, from the agreement as the fold leaves it."""
    values = {name: getattr(agreement, name) for name in _COLUMNS}
    for name in _TUPLES:
        values[name] = [dict(v) if isinstance(v, dict) else v for v in values[name]]
    return values


def actor_roles(agreement: domain.Agreement) -> list[tuple[str, str]]:
    """(actor, role) for each signatory and third party: the `AgreementActor` rows."""
    found = [(slug, "signatory") for slug in agreement.signatories]
    found += [(t["actor"], t["role"]) for t in agreement.third_parties]
    return list(dict.fromkeys(found))


def agreement_from_row(row: Agreement) -> domain.Agreement:
    """The domain agreement a row holds (so the fold can take the next event)."""
    values = {name: getattr(row, name) for name in _COLUMNS}
    for name in _TUPLES:
        values[name] = tuple(values[name] or ())
    for name in _DATES_IN_LISTS:
        values[name] = tuple(
            {**item, "occurred_on": _as_date(item.get("occurred_on"))} for item in values[name]
        )
    return domain.Agreement(**values)


def _as_date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def agreements_of(
    process_id: uuid.UUID, third_parties: Iterable[dict[str, str]]
) -> domain.Agreements:
    """A process's agreements and third parties, as its rows hold them."""
    rows = Agreement.objects.filter(process_id=process_id).order_by("sequence")
    book = domain.Agreements({r.slug: agreement_from_row(r) for r in rows})
    for item in third_parties:
        book.third_parties.setdefault(item["actor"], []).append(item["role"])
    return book


def third_party_values(book: domain.Agreements) -> list[dict[str, str]]:
    """The process's `third_parties` column: one item per actor and role."""
    return [{"actor": a, "role": r} for a, roles in book.third_parties.items() for r in roles]


def write_agreements(
    process_id: uuid.UUID, changed: Iterable[domain.Agreement], updated_at: datetime
) -> None:
    """Store the agreements an event (or a batch) changed, each row replaced whole."""
    changed = list({a.slug: a for a in changed}.values())  # the last state of each
    if not changed:
        return
    slugs = [a.slug for a in changed]
    Agreement.objects.filter(process_id=process_id, slug__in=slugs).delete()
    AgreementActor.objects.filter(process_id=process_id, agreement_slug__in=slugs).delete()
    _insert(process_id, changed, updated_at)


def replace_agreements(
    process_id: uuid.UUID, book: domain.Agreements, updated_at: datetime
) -> None:
    """Store every agreement of a process anew (after an amendment re-derived it)."""
    Agreement.objects.filter(process_id=process_id).delete()
    AgreementActor.objects.filter(process_id=process_id).delete()
    _insert(process_id, book.by_slug.values(), updated_at)


def _insert(
    process_id: uuid.UUID, agreements: Iterable[domain.Agreement], updated_at: datetime
) -> None:
    agreements = list(agreements)
    Agreement.objects.bulk_create(
        [
            Agreement(process_id=process_id, updated_at=updated_at, **agreement_values(a))
            for a in agreements
        ]
    )
    AgreementActor.objects.bulk_create(
        [
            AgreementActor(
                process_id=process_id, agreement_slug=a.slug, actor_slug=actor, role=role
            )
            for a in agreements
            for actor, role in actor_roles(a)
        ]
    )


class AgreementChanges:
    """What a projection batch's agreement events change, written at its flush: each changed
    agreement's row (its record time that of the event that last changed it, so that a
    rebuild in other batches writes the same rows) and each process's third parties.

    A situation read from a process row does not hold the process's agreements: they are
    read from their rows before its first agreement event (`unread`)."""

    def __init__(self) -> None:
        self.changed: dict[tuple[uuid.UUID, str], datetime] = {}
        self.third_parties: set[uuid.UUID] = set()
        self.unread: set[uuid.UUID] = set()

    @property
    def pending(self) -> bool:
        return bool(self.changed or self.third_parties)

    def before(self, entry: Entry, process: Process, situation: Situation) -> None:
        if entry.type not in domain.AGREEMENT_TYPES or process.id not in self.unread:
            return
        self.unread.discard(process.id)
        situation.agreements = agreements_of(process.id, process.third_parties)

    def after(self, entry: Entry, process_id: uuid.UUID) -> None:
        if entry.type == domain.THIRD_PARTY:
            self.third_parties.add(process_id)
        elif entry.type in domain.AGREEMENT_EVENTS:
            for slug in (entry.values["agreement"], entry.values.get("supersedes")):
                if slug:
                    self.changed[(process_id, slug)] = entry.recorded_at

    def write(self, situations: dict[uuid.UUID, Situation]) -> None:
        for (process_id, slug), recorded_at in self.changed.items():
            book = situations[process_id].agreements
            write_agreements(process_id, [book.by_slug[slug]], recorded_at)
        for process_id in self.third_parties:
            third = third_party_values(situations[process_id].agreements)
            Process.objects.filter(id=process_id).update(third_parties=third)
        self.changed, self.third_parties = {}, set()
