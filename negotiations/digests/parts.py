"""The pieces of a digest, as values that render themselves once: a process's report for a
period (its items, causes, trend) and what lies ahead (pauses due back, talks scheduled)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from negotiations.domain.history import Entry
from negotiations.domain.specs import utc_day
from negotiations.presentation.direction import in_reading_direction
from negotiations.presentation.labels import (
    short_date,
    short_date_after_since,
    status_word,
)
from negotiations.read.models import Process
from negotiations.read.names import in_reader_language

LATE_AFTER = timedelta(days=7)
TRENDS = {
    "deteriorated": ("↘", "#b42318"),
    "improved": ("↗", "#067647"),
    "unchanged": ("→", "#475467"),
}
TREND_LABELS = {
    "deteriorated": gettext_noop("deteriorated"),
    "improved": gettext_noop("improved"),
    "unchanged": gettext_noop("unchanged"),
}


def day(d: date | None) -> str:
    """ "3 Feb 2016"; in another language in words ("3 février 2016"): `labels.short_date`."""
    return short_date(d) if d is not None else ""


def world_date(d: date | None, precision: str = "day") -> str:
    """A world date as shown: a month-precise one as its month ("Oct 2016")."""
    return short_date(d, precision) if d is not None else _("date unknown")


def since_date(d: date, precision: str = "day") -> str:
    """A date after "since": a month-precise one as "since" takes it ("Oct 2016"; Russian's
    genitive, `labels.short_date_after_since`)."""
    return short_date_after_since(d, precision)


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def reported_late(entry: Entry, values: dict[str, Any]) -> bool:
    """Recorded more than a week after it happened (a month-precise date: after its month)."""
    occurred = as_date(values.get("occurred_on"))
    if occurred is None:
        return False
    if values.get("date_precision") == "month":
        occurred = occurred.replace(day=calendar.monthrange(occurred.year, occurred.month)[1])
    return utc_day(entry.recorded_at) - occurred > LATE_AFTER


def compact_html(html: str, width: int = 900) -> str:
    """The same HTML in fewer lines: indentation and blank lines dropped, short lines joined
    up to `width` bytes (an email's lines must stay under 998 bytes). Sending costs time in
    proportion to the number of lines."""
    lines: list[str] = []
    line, size = "", 0
    for piece in html.splitlines():
        piece = piece.strip()
        if not piece:
            continue
        piece_size = len(piece.encode())
        if line and size + 1 + piece_size > width:
            lines.append(line)
            line, size = piece, piece_size
        else:
            line, size = (f"{line} {piece}", size + 1 + piece_size) if line else (piece, piece_size)
    if line:
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class Cause:
    category: str
    description: str
    stated_by: str
    source_url: str = ""
    source_outlet: str = ""


@dataclass
class Item:
    """A status change, a party's move, a statement, talks scheduled or an amendment."""

    sequence: int
    type: str
    title: str
    when: str
    late: bool
    detail: str = ""
    summary: str = ""
    quote: str = ""
    note: str = ""
    reason: str = ""
    causes: list[Cause] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ProcessReport:
    process: Process
    status: str | None
    status_since: str
    trend: str | None
    status_since_month: bool = False  # a month-precise change started it ("since Oct 2016")
    changes: list[Item] = field(default_factory=list)
    scheduled: list[Item] = field(default_factory=list)
    corrections: list[Item] = field(default_factory=list)
    statements: list[Item] = field(default_factory=list)
    # Agreements signed, in force, voted on, alleged breached or ended (docs/agreements.md).
    agreements: list[Item] = field(default_factory=list)
    # The process's agreements' titles by slug (their items are titled with them).
    agreement_titles: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return in_reader_language(self.process).name  # as the board names it there

    @property
    def count(self) -> int:
        return (
            len(self.changes)
            + len(self.scheduled)
            + len(self.corrections)
            + len(self.statements)
            + len(self.agreements)
        )

    @property
    def status_label(self) -> str:
        """The status in the reader's language, as a sentence reads it ("paused")."""
        return status_word(self.status) if self.status else _("not yet known")

    @property
    def trend_label(self) -> str:
        return _(TREND_LABELS[self.trend]) if self.trend else ""

    @property
    def arrow(self) -> str:
        return in_reading_direction(TRENDS[self.trend][0]) if self.trend else ""

    @property
    def trend_color(self) -> str:
        return TRENDS[self.trend][1] if self.trend else "#475467"


@dataclass
class Ahead:
    process: Process
    on: date
    text: str
    kind: str = ""
    # False for what the previous digest already told (a pause overdue then too): still
    # shown, but not a reason to send a digest that has nothing else to tell.
    news: bool = True

    @property
    def name(self) -> str:
        return in_reader_language(self.process).name  # as the board names it there

    @property
    def when(self) -> str:
        return day(self.on)

    @cached_property
    def rendered(self) -> tuple[str, str]:
        context = {"a": self}
        return (
            render_to_string("digests/ahead.txt", context),
            # An autoescaping template's output with its blank space squeezed: still safe.
            mark_safe(compact_html(render_to_string("digests/ahead.html", context))),  # noqa: S308
        )


@dataclass
class ProcessPart:
    """One process's part of every digest of one period: its report (when anything was
    recorded in the period) and what lies ahead, with both rendered once."""

    process: Process
    report: ProcessReport | None
    pauses_ending: list[Ahead]
    scheduled: list[Ahead]
    overdue: list[Ahead]

    @cached_property
    def rendered(self) -> tuple[str, str]:
        if self.report is None:
            return "", ""
        context = {"report": self.report}
        return (
            render_to_string("digests/process.txt", context),
            mark_safe(compact_html(render_to_string("digests/process.html", context))),  # noqa: S308
        )
