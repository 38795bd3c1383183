"""Read queries of the public board and its feeds. Like `negotiations.read.selectors`, they read
only read models, and each page asks a fixed number of them whatever the size of the data."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, F, Max, QuerySet, Sum, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.specs import SPECS
from negotiations.read import selectors
from negotiations.read.folding import search_query
from negotiations.read.models import Process, TimelineEntry
from negotiations.read.names import language_of

from .presenters import names_in_language, process_shown

FEED_ENTRIES = 50
# Calendar UIDs and Atom ids are derived from the process id and the event's sequence: they
# never change when the tracker moves to another host or database.
FEED_NAMESPACE = uuid.UUID("3f7d6c0e-2a41-4f0b-9d8e-5b1a7c2e9f14")


# -- the list ------------------------------------------------------------------------------


# The list's orders, by the name its `sort` parameter gives: by name, by the last status
# change (newest first), or overdue pauses first (the longest overdue first).
SORTS = {
    "name": ("shown_name", "id"),
    "last_change": (F("latest_change_on").desc(nulls_last=True), "shown_name", "id"),
    "overdue": (
        "overdue_rank",
        F("expected_resumption_on").asc(nulls_last=True),
        "shown_name",
        "id",
    ),
}


def _shown_name() -> Any:
    """A process's name as the reader's language shows it (a name given in it, else its
    own), for sorting by it: "sorted by name" put "Syrie" before "Soudan" in French, by the
    original names (an outside reader's test)."""
    language = language_of(get_language())
    if not language or not Process.objects.filter(names__has_key=language).exists():
        # No name given in it: the original names, by their index (a sort by an expression
        # reads and sorts every row, which B4's 10,000-process list would pay on every page).
        return F("name")
    return Coalesce(KT(f"names__{language}"), "name", output_field=CharField())


def board_processes(
    *,
    status: str = "",
    conflict: str = "",
    q: str = "",
    overdue: bool = False,
    sort: str = "name",
) -> QuerySet[Process]:
    """Processes for the board's list, filtered, in the order `sort` names (see SORTS)."""
    rows = selectors.processes()
    if status:
        rows = rows.filter(status=status)
    if conflict:
        rows = rows.filter(conflict=conflict)
    folded = search_query(q)
    if folded:
        # Case and accents ignored in every script, on both databases (read.folding).
        rows = rows.filter(search_text__contains=folded)
    if overdue:
        rows = rows.filter(selectors.overdue_filter())
    if sort == "overdue":
        rows = rows.annotate(overdue_rank=Case(When(selectors.overdue_filter(), then=0), default=1))
    return rows.annotate(shown_name=_shown_name()).order_by(*SORTS[sort])


def conflicts() -> list[str]:
    """Every conflict named by a process, for the list's filter."""
    return list(Process.objects.order_by("conflict").values_list("conflict", flat=True).distinct())


def board_freshness() -> tuple[datetime | None, int, int]:
    """When anything on the board last changed, how many processes there are, and how many
    events they hold (the sum of their versions): one more with every event recorded, even
    when its record time is not the latest (clocks of two web nodes apart)."""
    found = Process.objects.aggregate(
        last=Max("updated_at"), count=Count("id"), events=Sum("version")
    )
    return found["last"], found["count"], found["events"] or 0


actor_names = selectors.actor_names


def cause_actors(causes: Iterable[dict[str, Any]]) -> set[str]:
    """Who stated these causes (a status's, a period's), read as every event's actors are."""
    return set(referenced_actors({"causes": list(causes)}))


# -- one process ---------------------------------------------------------------------------


def process_for_board(slug: str) -> Process:
    return selectors.process_by_ref(slug)


def timeline_page(
    process: Process, *, raw: bool, newest_first: bool = False
) -> QuerySet[TimelineEntry]:
    """The corrected timeline in the order things happened (its dates, as corrected; events
    of one day in the order recorded), the raw history in the order it was recorded. An
    analyst's outside test found the corrected timeline, said "oldest first", in the order
    recorded: a fact backdated later (a statement of 5 May entered in November) sat at the
    bottom."""
    rows = selectors.timeline(process, raw=raw)
    if raw:
        return rows.order_by("-sequence" if newest_first else "sequence")
    # An undated event (a name given) after the dated ones, either way.
    if newest_first:
        return rows.order_by(F("occurred_on").desc(nulls_last=True), "-sequence")
    return rows.order_by(F("occurred_on").asc(nulls_last=True), "sequence")


# -- the status-change feed, for Atom ------------------------------------------------------


@dataclass
class FeedRow:
    """One row of the status-change feed, as the API's `status-changes/` shows it, with what
    an Atom entry adds: the process's name and the event's own sources."""

    row: dict[str, Any]
    process_name: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    # For a retraction: what was retracted (the event's label) and the causes it had stated.
    retracted_label: str = ""
    retracted_causes: list[dict[str, Any]] = field(default_factory=list)
    retracted_took_causes: bool = False  # whether its type may state any (`SPECS`)

    @property
    def kind(self) -> str:
        return self.row.get("kind") or "recorded"

    @property
    def recorded_at(self) -> datetime:
        value = self.row["recorded_at"]
        if isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value.replace("Z", "+00:00"))

    @property
    def entry_uuid(self) -> uuid.UUID:
        # A correction or retraction is an entry of its own: its own kind and sequence.
        key = f"{self.row['process']}/{self.kind}/{self.row['sequence']}/{self.row.get('amends')}"
        return uuid.uuid5(FEED_NAMESPACE, key)


def status_change_rows(
    *, process: Process | None = None, limit: int = FEED_ENTRIES
) -> list[dict[str, Any]]:
    """The newest `limit` rows of the status-change log, newest first, in the API's shape.

    The one place the Atom feeds read the change log. Its rows carry their `kind`
    (recorded, corrected, retracted) and, for an amendment, what it `amends` and its
    `reason`: each becomes an Atom entry of its own. Newest first is the log's own order
    (record time, store position, amended change) reversed.
    """
    from api.representations import status_change_repr

    rows = selectors.status_changes(process=process)
    newest = rows.order_by("-recorded_at", "-position", "-amends")[:limit]
    return [status_change_repr(p) for p in newest]


def feed_rows(*, process: Process | None = None, limit: int = FEED_ENTRIES) -> list[FeedRow]:
    rows = status_change_rows(process=process, limit=limit)
    ids = {r["process"] for r in rows}
    # Each process's name in the reader's language, for the entries' titles, and the names
    # its events give its actors in that language (an analyst read the Russian name in a
    # page's summary only).
    found = Process.objects.filter(id__in=ids).only("id", "name", "names", "actor_names")
    processes = {p.id: p for p in found} if ids else {}
    names = {pid: process_shown(p).name for pid, p in processes.items()}
    events = _changed_events(rows)
    slugs: set[str] = set()
    for r in rows:
        slugs |= cause_actors(r.get("causes") or [])
        event = events.get((r["process"], r.get("amends") or r["sequence"]))
        if r.get("kind") == "retracted" and event is not None:
            slugs |= cause_actors((event.current or event.recorded).get("causes") or [])
    actors = actor_names(slugs)
    spoken = {pid: names_in_language(actors, p.actor_names) for pid, p in processes.items()}
    return [
        _feed_row(
            r,
            events.get((r["process"], r.get("amends") or r["sequence"])),
            names,
            spoken.get(uuid.UUID(r["process"]), actors),
        )
        for r in rows
    ]


def _changed_events(rows: list[dict[str, Any]]) -> dict[tuple[str, int], TimelineEntry]:
    """The timeline rows of the events these status-change rows record or amend: one query."""
    if not rows:
        return {}
    ids = {r["process"] for r in rows}
    sequences = {r.get("amends") or r["sequence"] for r in rows}
    found = TimelineEntry.objects.filter(process_id__in=ids, sequence__in=sequences)
    return {(str(e.process_id), e.sequence): e for e in found}


def _feed_row(
    r: dict[str, Any],
    event: TimelineEntry | None,
    names: dict[uuid.UUID, str],
    actors: dict[str, str],
) -> FeedRow:
    values = (event.current or event.recorded) if event else {}
    label = _(EVENT_LABELS.get(event.type, event.type)) if event is not None else ""
    retracted = r.get("kind") == "retracted" and event is not None
    return FeedRow(
        row=r,
        process_name=names.get(uuid.UUID(r["process"]), r["process_slug"]),
        sources=list(values.get("sources") or []),
        names=actors,
        retracted_label=label if retracted else "",
        retracted_causes=list(values.get("causes") or []) if retracted else [],
        retracted_took_causes=event is not None
        and retracted
        and SPECS[event.type].causes != "none",
    )


def now() -> datetime:
    return datetime.now(UTC)


def one_day_after(day: date) -> date:
    return day + timedelta(days=1)


def actors_on_page(process: Process, periods: list, rows: list, *, raw: bool) -> set[str]:
    """The actors a process page names: its mediators and parties, who stated its causes,
    and the actors of the timeline's events shown."""
    slugs = set(process.mediators) | {p["actor"] for p in process.parties}
    slugs |= cause_actors(process.status_causes)
    for period in periods:
        slugs |= cause_actors(period.causes)
    for row in rows:
        values = row.recorded if raw or row.current is None else row.current
        slugs |= set(referenced_actors(values))
    return slugs
