"""The agreements read model as rows: a domain `Agreement` to its `Agreement` and
`AgreementActor` rows and back. The projection writes with these (and nothing else writes
the tables); a process's agreements are read back from its rows to fold the next event."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from negotiations.domain import agreement_lifecycle as lifecycle
from negotiations.domain import agreements as domain
from negotiations.domain.history import Entry, Situation
from negotiations.read.models import Agreement, AgreementActor, Process
from negotiations.read.rowwriter import delete_keyed, delete_rows, insert_rows, update_rows
from negotiations.write.records import to_json

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
        values[name] = dated(values[name])
    return domain.Agreement(**values)


def dated(items: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Votes or breaches with their `occurred_on` a date again (a JSON column holds text)."""
    return tuple({**item, "occurred_on": _as_date(item.get("occurred_on"))} for item in items)


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


# The agreement and actor rows' columns, as the bulk writer takes them.
AGREEMENT_COLUMNS = ("process_id", "updated_at", *_COLUMNS)
ACTOR_COLUMNS = ("process_id", "agreement_slug", "actor_slug", "role")

# (process id, agreement as the fold leaves it, the record time of its latest change)
Changed = tuple[uuid.UUID, domain.Agreement, datetime]


def write_agreements(changed: Sequence[Changed]) -> None:
    """Store the agreements a batch changed, each row replaced whole: one DELETE a table and
    one bulk insert a table for the batch (`rowwriter`), whatever the number of processes."""
    if not changed:
        return
    keys = [(process_id, a.slug) for process_id, a, _ in changed]
    delete_keyed(Agreement, ("process_id", "slug"), keys)
    delete_keyed(AgreementActor, ("process_id", "agreement_slug"), keys)
    _insert(changed)


def replace_agreements(
    process_id: uuid.UUID, book: domain.Agreements, updated_at: datetime
) -> None:
    """Store every agreement of a process anew (after an amendment re-derived it)."""
    delete_rows(Agreement, "process_id", [process_id])
    delete_rows(AgreementActor, "process_id", [process_id])
    _insert([(process_id, a, updated_at) for a in book.by_slug.values()])


def _insert(changed: Sequence[Changed]) -> None:
    insert_rows(
        Agreement,
        AGREEMENT_COLUMNS,
        [(process_id, at, *_row_values(a)) for process_id, a, at in changed],
    )
    insert_rows(
        AgreementActor,
        ACTOR_COLUMNS,
        [
            (process_id, a.slug, actor, role)
            for process_id, a, _ in changed
            for actor, role in actor_roles(a)
        ],
    )


def _row_values(agreement: domain.Agreement) -> tuple[Any, ...]:
    """`_COLUMNS`' values for the bulk writer: the lists as JSON text (`to_json`, the one
    encoder, as every JSON column the projection writes)."""
    values = agreement_values(agreement)
    for name in _TUPLES:
        values[name] = to_json(values[name])
    return tuple(values[name] for name in _COLUMNS)


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
        if entry.type not in lifecycle.AGREEMENT_TYPES or process.id not in self.unread:
            return
        self.unread.discard(process.id)
        situation.agreements = agreements_of(process.id, process.third_parties)

    def after(self, entry: Entry, process_id: uuid.UUID) -> None:
        if entry.type == lifecycle.THIRD_PARTY:
            self.third_parties.add(process_id)
        elif entry.type in lifecycle.AGREEMENT_EVENTS:
            for slug in (entry.values["agreement"], entry.values.get("supersedes")):
                if slug:
                    self.changed[(process_id, slug)] = entry.recorded_at

    def write(self, situations: dict[uuid.UUID, Situation]) -> None:
        write_agreements(
            [
                (process_id, situations[process_id].agreements.by_slug[slug], recorded_at)
                for (process_id, slug), recorded_at in self.changed.items()
            ]
        )
        update_rows(
            Process,
            ("third_parties",),
            ("id",),
            [
                (to_json(third_party_values(situations[process_id].agreements)), process_id)
                for process_id in self.third_parties
            ],
        )
        self.changed, self.third_parties = {}, set()
