"""What a digest says: one subscription's processes, one period, as known at its end.

A period is a run of whole UTC days. What counts is when a fact was *recorded* (so that a late
report of an old event still reaches subscribers, marked with its world date); the status,
the trend and the outlook are as the tracker knew them at the end of the period. Each
process's part comes from `report` (composed once per period from the event store, shared by
every subscription that follows the process); a digest only gathers the parts it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from email import charset as email_charset
from functools import cached_property
from uuid import UUID

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from negotiations.presentation.labels import ENGLISH_MONTHS, range_of_days
from negotiations.write.runtime import get_application
from tracker.links import site_url

from . import selectors
from .models import FREQUENCY_WORDS, Subscription
from .parts import Ahead, ProcessReport, day
from .shared_parts import period_parts


def period_label(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if translation.get_language() != settings.LANGUAGE_CODE:  # what the days share said once
        return range_of_days(start, end)
    if start.year != end.year:
        return f"{day(start)} – {day(end)}"
    if start.month == end.month:
        return f"{start.day}–{day(end)}"
    return f"{start.day} {ENGLISH_MONTHS[start.month]} – {day(end)}"


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
    # What every subscriber of this period and set of processes gets alike, rendered once
    # (see `render_digest`); copies made by `for_subscription` share it.
    shared_render: dict[str, tuple[str, str, int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def for_subscription(self, subscription: Subscription) -> Digest:
        """The same digest for another subscription that follows the same processes."""
        return replace(self, subscription=subscription)

    @cached_property
    def change_count(self) -> int:
        return sum(r.count for r in self.reports)

    @property
    def has_news(self) -> bool:
        return bool(
            self.reports
            or self.pauses_ending
            or self.scheduled
            or any(a.news for a in self.overdue)
        )

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def counted(self) -> str:
        n = self.change_count
        if n == 0:
            return _("nothing changed")
        return ngettext("%(count)d change", "%(count)d changes", n) % {"count": n}

    @property
    def frequency(self) -> str:
        """The subscription's frequency in the reader's language ("weekly")."""
        return str(FREQUENCY_WORDS.get(self.subscription.frequency, self.subscription.frequency))

    @property
    def subject(self) -> str:
        return _("Negotiations digest, %(period)s: %(counted)s") % {
            "period": self.period,
            "counted": self.counted,
        }


def compose_digest(
    subscription: Subscription,
    start: date,
    end: date,
    *,
    process_ids: list[UUID] | None = None,
) -> Digest:
    """The digest of `subscription` for the days `start`..`end` (inclusive, UTC);
    `process_ids`, when the caller has read them, are the processes it follows."""
    if process_ids is None:
        process_ids = selectors.followed_process_ids(subscription)
    parts = period_parts(get_application(), process_ids, start, end)
    with_report = [p for p in parts if p.report is not None]
    reports = [p.report for p in with_report]
    rendered = (
        "".join(p.rendered[0] for p in with_report),
        # Each part was rendered by an autoescaping template (report.py): joined, not escaped again.
        mark_safe("".join(p.rendered[1] for p in with_report)),  # noqa: S308
    )

    def ahead(kind: str) -> list[Ahead]:
        return sorted((a for p in parts for a in getattr(p, kind)), key=lambda a: (a.on, a.name))

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


class SharedDigests:
    """The digests of one batch of deliveries: composed and rendered once per period and set
    of followed processes, and handed to each subscription with its own greeting and footer.
    Lives as long as the batch (each period's parts are already shared by `report`)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, Digest] = {}

    def digest(
        self, subscription: Subscription, start: date, end: date, process_ids: list[UUID]
    ) -> Digest:
        key = (start, end, frozenset(process_ids), subscription.language)
        shared = self._by_key.get(key)
        if shared is None:
            shared = self._by_key[key] = compose_digest(
                subscription, start, end, process_ids=process_ids
            )
        return shared.for_subscription(subscription)


def _longest_line(text: str) -> int:
    """The longest line in bytes, as an email counts them (at C speed: digests are long)."""
    return max(map(len, text.encode(errors="surrogateescape").splitlines()), default=0)


def _shared_body(digest: Digest) -> tuple[str, str, int]:
    """The part of the plain text and of the HTML that is the same for every subscriber of
    the digest, and the longest line of both, rendered once."""
    body = digest.shared_render.get("body")
    if body is None:
        ahead = [*digest.overdue, *digest.pauses_ending, *digest.scheduled]
        context = {
            "digest": digest,
            "site_url": site_url(),
            "reports_text": digest.rendered_reports[0],
            "reports_html": digest.rendered_reports[1],
            "ahead_text": "".join(a.rendered[0] for a in ahead),
            "ahead_html": mark_safe("".join(a.rendered[1] for a in ahead)),  # noqa: S308 - as above
        }
        text = render_to_string("digests/digest_body.txt", context)
        html = render_to_string("digests/digest_body.html", context)
        body = digest.shared_render["body"] = (
            text,
            html,
            max(_longest_line(text), _longest_line(html)),
        )
    return body


def render_digest(digest: Digest, *, unsubscribe_url: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML. Templates autoescape everything user-entered (HTML)."""
    return render_digest_lines(digest, unsubscribe_url=unsubscribe_url)[:3]


def render_digest_lines(digest: Digest, *, unsubscribe_url: str) -> tuple[str, str, str, int]:
    """`render_digest`, and the longest line of the two bodies in bytes: the body every
    subscriber shares is rendered once, the greeting and the footer for each."""
    text_body, html_body, longest = _shared_body(digest)
    context = {"digest": digest, "unsubscribe_url": unsubscribe_url}
    head = render_to_string("digests/digest_head.txt", context)
    text_foot = render_to_string("digests/digest_foot.txt", context)
    html_foot = render_to_string("digests/digest_foot.html", context)
    text, html = head + text_body + text_foot, html_body + html_foot
    if head.endswith("\n") and text_body.endswith("\n") and html_body.endswith("\n"):
        # No line runs across the pieces: the longest is the longest of any piece.
        longest = max(longest, *map(_longest_line, (head, text_foot, html_foot)))
    else:
        longest = max(_longest_line(text), _longest_line(html))
    return digest.subject, text, html, longest


# The encoding Django gives a UTF-8 text part whose lines all fit in an email (8bit, as is):
# given as the message's encoding, it spares Django from walking every line of the long
# digest again to decide that (see `services.digest_message`).
UTF8_AS_IS = email_charset.Charset("utf-8")
UTF8_AS_IS.body_encoding = None  # type: ignore[assignment]  # None: as is (email.charset)
