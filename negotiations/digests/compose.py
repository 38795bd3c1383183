"""What a digest says: composed from the read models for one subscription and one period.

A period is a run of whole UTC days. What counts is when a fact was *recorded* (so that a late
report of an old event still reaches subscribers, marked with its world date); the status and
the outlook are as the tracker knew them at the end of the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.template.loader import render_to_string

from negotiations.domain.specs import STATUS_CHANGING_TYPES
from negotiations.domain.vocabulary import CAUSE_CATEGORIES, Status
from negotiations.domain.vocabulary import EventType as E
from negotiations.models import Process
from negotiations.selectors import status_as_of
from tracker.links import site_url

from . import selectors
from .models import Subscription

AHEAD_DAYS = 7
DETERIORATING = {E.TALKS_PAUSED, E.TALKS_SUSPENDED, E.TALKS_COLLAPSED, E.PARTY_WITHDREW}
IMPROVING = {E.TALKS_CONVENED, E.TALKS_RESUMED, E.TALKS_CONCLUDED, E.PARTY_JOINED}
TRENDS = {
    "deteriorated": ("↘", "#b42318"),
    "improved": ("↗", "#067647"),
    "unchanged": ("→", "#475467"),
}
LABELS = {
    E.TALKS_CONVENED: "Talks convened",
    E.TALKS_PAUSED: "Talks paused",
    E.TALKS_RESUMED: "Talks resumed",
    E.TALKS_SUSPENDED: "Talks suspended",
    E.TALKS_CONCLUDED: "Talks concluded",
    E.TALKS_COLLAPSED: "Talks collapsed",
    E.PARTY_JOINED: "Party joined",
    E.PARTY_WITHDREW: "Party withdrew",
}


def day(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


def world_date(d: date | None, precision: str = "day") -> str:
    if d is None:
        return "date unknown"
    return f"{d:%b %Y}" if precision == "month" else day(d)


def period_label(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if start.year != end.year:
        return f"{day(start)} – {day(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {day(end)}"
    return f"{start.day}–{day(end)}"


@dataclass
class Cause:
    category: str
    description: str
    stated_by: str
    source_url: str = ""
    source_outlet: str = ""


@dataclass
class Item:
    """A status change, a party's move or a statement, as the digest shows it."""

    sequence: int
    type: str
    title: str
    when: str
    late: bool
    detail: str = ""
    summary: str = ""
    quote: str = ""
    note: str = ""
    causes: list[Cause] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ProcessReport:
    process: Process
    status: str | None
    status_since: str
    trend: str
    changes: list[Item] = field(default_factory=list)
    statements: list[Item] = field(default_factory=list)

    @property
    def arrow(self) -> str:
        return TRENDS[self.trend][0]

    @property
    def trend_color(self) -> str:
        return TRENDS[self.trend][1]


@dataclass
class Ahead:
    process: Process
    on: date
    text: str

    @property
    def when(self) -> str:
        return day(self.on)


@dataclass
class Digest:
    subscription: Subscription
    period_start: date
    period_end: date
    reports: list[ProcessReport]
    pauses_ending: list[Ahead]
    scheduled: list[Ahead]
    overdue: list[Ahead]

    @property
    def change_count(self) -> int:
        return sum(len(r.changes) + len(r.statements) for r in self.reports)

    @property
    def has_news(self) -> bool:
        return bool(self.reports or self.pauses_ending or self.scheduled or self.overdue)

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def subject(self) -> str:
        n = self.change_count
        counted = "nothing changed" if n == 0 else f"{n} change{'s' if n != 1 else ''}"
        return f"Negotiations digest, {self.period}: {counted}"


def trend_of(types_in_order: list[str]) -> str:
    """The last move of the period that points one way decides the trend."""
    for event_type in reversed(types_in_order):
        if event_type in DETERIORATING:
            return "deteriorated"
        if event_type in IMPROVING:
            return "improved"
    return "unchanged"


class _Names:
    def __init__(self, slugs: set[str]) -> None:
        self.names = selectors.actor_names(slugs)

    def __call__(self, slug: str | None) -> str:
        return self.names.get(slug or "", slug or "")


def _slugs(values: dict[str, Any]) -> set[str]:
    found = {c.get("stated_by") for c in values.get("causes") or () if c}
    found.add(values.get("actor"))
    return {s for s in found if s}


def _causes(values: dict[str, Any], name: _Names) -> list[Cause]:
    causes = []
    for c in values.get("causes") or ():
        source = c.get("source") or {}
        causes.append(
            Cause(
                category=CAUSE_CATEGORIES.get(c.get("category", ""), c.get("category", "")),
                description=c.get("description", ""),
                stated_by=name(c.get("stated_by")),
                source_url=source.get("url", ""),
                source_outlet=source.get("outlet", ""),
            )
        )
    return causes


def _detail(event_type: str, values: dict[str, Any], name: _Names) -> str:
    if event_type == E.TALKS_PAUSED and values.get("expected_resumption_on"):
        resumes = date.fromisoformat(values["expected_resumption_on"])
        return f"Expected to resume on {day(resumes)}."
    if event_type in (E.PARTY_JOINED, E.PARTY_WITHDREW):
        return name(values.get("actor"))
    if event_type == E.TALKS_CONCLUDED:
        outcome = "with an agreement" if values.get("outcome") == "agreement" else "no agreement"
        title = values.get("agreement_title")
        return f"Outcome: {outcome}" + (f" ({title})" if title else "") + "."
    if event_type in (E.TALKS_CONVENED, E.TALKS_RESUMED):
        bits = [values.get("round"), values.get("venue"), values.get("format")]
        return ", ".join(b for b in bits if b)
    return ""


def _item(row: Any, values: dict[str, Any], start: date, name: _Names, title: str) -> Item:
    occurred = date.fromisoformat(values["occurred_on"]) if values.get("occurred_on") else None
    return Item(
        sequence=row.sequence,
        type=row.type,
        title=title,
        when=world_date(occurred, values.get("date_precision", "day")),
        late=occurred is not None and occurred < start,
        detail=_detail(row.type, values, name),
        summary=values.get("summary", ""),
        quote=values.get("quote", ""),
        note=values.get("note", ""),
        causes=_causes(values, name),
        sources=[s for s in values.get("sources") or () if s],
    )


def compose_digest(subscription: Subscription, start: date, end: date) -> Digest:
    """The digest of `subscription` for the days `start`..`end` (inclusive, UTC)."""
    since, until = selectors.period_bounds(start, end)
    processes = selectors.followed_processes(subscription)
    periods = list(selectors.status_changes_recorded(processes, since, until))
    moves = list(
        selectors.entries_recorded(processes, [E.PARTY_JOINED, E.PARTY_WITHDREW], since, until)
    )
    statements = list(selectors.entries_recorded(processes, [E.STATEMENT_MADE], since, until))
    changed = selectors.entries_by_sequence(
        {p.process_id for p in periods}, {p.sequence for p in periods}
    )
    slugs: set[str] = set()
    for row in [*changed.values(), *moves, *statements]:
        slugs |= _slugs(row.current or row.recorded)
    name = _Names(slugs)

    by_process: dict[Any, dict[str, list[Item]]] = {}
    for period in periods:
        row = changed[(period.process_id, period.sequence)]
        item = _item(row, row.current or row.recorded, start, name, LABELS.get(row.type, row.type))
        item.detail = " ".join(
            x for x in (f"{period.from_status} → {period.status}.", item.detail) if x
        )
        by_process.setdefault(period.process_id, {"changes": [], "statements": []})
        by_process[period.process_id]["changes"].append(item)
    for row in moves:
        item = _item(row, row.current or row.recorded, start, name, LABELS[row.type])
        by_process.setdefault(row.process_id, {"changes": [], "statements": []})
        by_process[row.process_id]["changes"].append(item)
    for row in statements:
        values = row.current or row.recorded
        stance = values.get("stance", "")
        item = _item(row, values, start, name, f"{name(values.get('actor'))} ({stance})")
        by_process.setdefault(row.process_id, {"changes": [], "statements": []})
        by_process[row.process_id]["statements"].append(item)

    known_at = until - timedelta(microseconds=1)
    reports: list[ProcessReport] = []
    pauses_ending: list[Ahead] = []
    overdue: list[Ahead] = []
    first_day_ahead, last_day_ahead = end + timedelta(days=1), end + timedelta(days=AHEAD_DAYS)
    for process in processes.order_by("name"):
        now = status_as_of(process, as_of=end, known_at=known_at)
        found = by_process.get(process.id)
        if found:
            found["changes"].sort(key=lambda i: i.sequence)
            reports.append(
                ProcessReport(
                    process=process,
                    status=now.status,
                    status_since=day(now.status_since),
                    trend=trend_of([i.type for i in found["changes"]]),
                    changes=found["changes"],
                    statements=found["statements"],
                )
            )
        resumes = now.expected_resumption_on
        if now.status == Status.PAUSED and resumes is not None:
            if resumes < first_day_ahead:
                late_by = (first_day_ahead - resumes).days
                overdue.append(
                    Ahead(
                        process,
                        resumes,
                        f"Paused since {day(now.status_since)}; expected to resume on "
                        f"{day(resumes)}, no resumption recorded ({late_by} days overdue).",
                    )
                )
            elif resumes <= last_day_ahead:
                pauses_ending.append(
                    Ahead(
                        process,
                        resumes,
                        f"Paused since {day(now.status_since)}; expected to resume on "
                        f"{day(resumes)}.",
                    )
                )
    scheduled: list[Ahead] = []
    for row in selectors.scheduled_talks_known(processes, until).select_related("process"):
        values = row.current or row.recorded
        on = date.fromisoformat(values["scheduled_for"])
        if first_day_ahead <= on <= last_day_ahead:
            venue = values.get("venue", "")
            scheduled.append(Ahead(row.process, on, f"Talks scheduled for {day(on)} in {venue}."))
    scheduled.sort(key=lambda a: (a.on, a.process.name))
    return Digest(subscription, start, end, reports, pauses_ending, scheduled, overdue)


def render_digest(digest: Digest, *, unsubscribe_url: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML. Templates autoescape everything user-entered (HTML)."""
    context = {
        "digest": digest,
        "unsubscribe_url": unsubscribe_url,
        "site_url": site_url(),
        "status_changing": STATUS_CHANGING_TYPES,
    }
    text = render_to_string("digests/digest.txt", context)
    html = render_to_string("digests/digest.html", context)
    return digest.subject, text, html
