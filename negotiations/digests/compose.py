"""What a digest says: one subscription's processes, one period, as known at its end.

A period is a run of whole UTC days. What counts is when a fact was *recorded* (so that a late
report of an old event still reaches subscribers, marked with its world date); the status,
the trend and the outlook are as the tracker knew them at the end of the period. Each
process's part comes from `report` (composed once per period from the event store, shared by
every subscription that follows the process); a digest only gathers the parts it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from negotiations.write.runtime import get_application
from tracker.links import site_url

from . import selectors
from .models import Subscription
from .report import Ahead, ProcessReport, day, period_parts


def period_label(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if start.year != end.year:
        return f"{day(start)} – {day(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {day(end)}"
    return f"{start.day}–{day(end)}"


@dataclass
class Digest:
    subscription: Subscription
    period_start: date
    period_end: date
    reports: list[ProcessReport]
    pauses_ending: list[Ahead]
    scheduled: list[Ahead]
    overdue: list[Ahead]
    rendered_reports: tuple[str, str] = ("", "")

    @cached_property
    def change_count(self) -> int:
        return sum(r.count for r in self.reports)

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


def compose_digest(subscription: Subscription, start: date, end: date) -> Digest:
    """The digest of `subscription` for the days `start`..`end` (inclusive, UTC)."""
    process_ids = selectors.followed_process_ids(subscription)
    parts = period_parts(get_application(), process_ids, start, end)
    with_report = [p for p in parts if p.report is not None]
    reports = [p.report for p in with_report]
    rendered = (
        "".join(p.rendered[0] for p in with_report),
        mark_safe("".join(p.rendered[1] for p in with_report)),
    )

    def ahead(kind: str) -> list[Ahead]:
        return sorted(
            (a for p in parts for a in getattr(p, kind)), key=lambda a: (a.on, a.process.name)
        )

    return Digest(
        subscription,
        start,
        end,
        reports,  # type: ignore[arg-type]
        ahead("pauses_ending"),
        ahead("scheduled"),
        ahead("overdue"),
        rendered,
    )


def render_digest(digest: Digest, *, unsubscribe_url: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML. Templates autoescape everything user-entered (HTML)."""
    ahead = [*digest.overdue, *digest.pauses_ending, *digest.scheduled]
    context = {
        "digest": digest,
        "unsubscribe_url": unsubscribe_url,
        "site_url": site_url(),
        "reports_text": digest.rendered_reports[0],
        "reports_html": digest.rendered_reports[1],
        "ahead_text": "".join(a.rendered[0] for a in ahead),
        "ahead_html": mark_safe("".join(a.rendered[1] for a in ahead)),
    }
    text = render_to_string("digests/digest.txt", context)
    html = render_to_string("digests/digest.html", context)
    return digest.subject, text, html
