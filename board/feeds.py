"""Atom (RFC 4287) feeds of the status-change feed and iCalendar (RFC 5545) feeds of
scheduled talks and expected resumptions, global and per process."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import wraps
from typing import TYPE_CHECKING

import icalendar
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from negotiations.domain.expectations import last_day
from negotiations.domain.registry import STATUSES_WITH_CAUSES
from negotiations.presentation.carried import CarriedAtom1Feed, carried, one_line
from negotiations.presentation.direction import change_arrow
from negotiations.read import selectors
from negotiations.read.models import Process
from tracker.i18n import LANGUAGE

from . import presenters
from . import selectors as board
from .agreement_calendar import agreement_calendar_items
from .calendar import CalendarItem, calendar_items
from .http import latest, not_modified, public_read, registry_changed, stamp, validators
from .views import _process_or_404


def sources_in_text(sources: list[dict]) -> str:
    """Sources in plain text (a calendar's description, an Atom entry's text): each outlet
    with its URL in angle brackets, as RFC 3986 (appendix C) sets a URL apart in text, so
    that the separator the reader's language writes after it ("؛", "；") is never read as
    part of the link (an Arabic reader's outside test: calendar apps linked `...president؛`)."""
    return _("; ").join(
        f"{s.get('outlet', '')} <{s['url']}>".strip() if s.get("url") else s.get("outlet", "")
        for s in sources
    )


KIND_TITLES = {
    "recorded": "%(change)s",
    "corrected": gettext_noop("Correction: %(change)s"),
    "retracted": gettext_noop("Retraction: %(change)s"),
}

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def in_asked_language(view: Callable) -> Callable:
    """A feed in the language of `?lang=` (a feed reader keeps the address, not the reader's
    browser language), else in the language of its address (`/fr/calendar.ics`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refused: list[str] = []
        asked = LANGUAGE.read(request, refused)
        if refused:
            return HttpResponse(refused[0], status=400, content_type="text/plain; charset=utf-8")
        if not asked:
            return view(request, *args, **kwargs)
        with translation.override(asked):
            response = view(request, *args, **kwargs)
            response["Content-Language"] = asked
            return response

    return wrapper


class ProcessAtom(Feed):
    """An Atom feed of every process or of one (its slug in the URL): the feed's title, page,
    address and id named by each subclass's table of parts."""

    feed_type = CarriedAtom1Feed
    author_name = gettext_lazy("Negotiation tracker")
    every_title: StrOrPromise  # the title of every process's feed (gettext_lazy)
    one_title: StrOrPromise  # the title of one process's, with %(process)s (gettext_lazy)
    every_page: str  # the URL names of the pages they follow (the one process's: its slug)
    one_page: str
    one_page_anchor = ""
    every_feed: str  # the URL names of the feeds themselves
    one_feed: str
    guid_prefix: str  # the name hashed into the feed's urn:uuid, before the process id

    def get_object(self, request, slug: str | None = None) -> Process | None:
        return _process_or_404(slug) if slug else None

    def title(self, process: Process | None) -> str:
        if process is None:
            return str(self.every_title)
        return str(self.one_title) % {"process": presenters.process_name_text(process)}

    def link(self, process: Process | None) -> str:
        if process is None:
            return reverse(self.every_page)
        return reverse(self.one_page, args=[process.slug]) + self.one_page_anchor

    def feed_url(self, process: Process | None) -> str:
        if process is None:
            return reverse(self.every_feed)
        return reverse(self.one_feed, args=[process.slug])

    def feed_extra_kwargs(self, obj: Process | None) -> dict[str, object]:
        # When an empty feed was last changed (CarriedAtom1Feed.latest_post_date): as its
        # Last-Modified, its process's last change (or the board's), or the names' if later.
        since = obj.updated_at if obj is not None else board.board_freshness()[0]
        names = registry_changed(selectors.registry_stamp())
        return {"empty_since": latest(since, names) or NEVER}

    def feed_guid(self, process: Process | None) -> str:
        key = str(process.pk) if process else "all"
        return f"urn:uuid:{board.uuid.uuid5(board.FEED_NAMESPACE, self.guid_prefix + key)}"


class StatusChangeAtom(ProcessAtom):
    """One entry per row of the status-change feed, newest first; a correction or a
    retraction is an entry of its own, with its kind, what it amends and its reason."""

    description_template = "board/feed_entry.html"
    every_title = gettext_lazy("Status changes of every peace process")
    one_title = gettext_lazy("Status changes: %(process)s")
    every_page, one_page = "board:process-list", "board:process-page"
    every_feed, one_feed = "board:status-changes-feed", "board:process-feed"
    guid_prefix = "feed/"

    def subtitle(self, process: Process | None) -> str:
        return _("Each change with its stated causes (who said it) and its sources.")

    def items(self, process: Process | None) -> list[board.FeedRow]:
        return board.feed_rows(process=process)

    def item_title(self, item: board.FeedRow) -> str:
        r = item.row
        if r.get("to_status") is None:
            change = _("status change #%(number)s withdrawn") % {
                "number": r.get("amends") or r["sequence"]
            }
        else:
            to = presenters.status_label(r["to_status"])
            change = f"{_from_label(r).lower()} {change_arrow()} {to.lower()}"  # a title reads so
        title = _(KIND_TITLES.get(item.kind, "%(change)s"))
        colon = _(": ")
        return title % {"change": f"{presenters.isolated(item.process_name)}{colon}{change}"}

    def item_link(self, item: board.FeedRow) -> str:
        url = reverse("board:process-page", args=[item.row["process_slug"]])
        return f"{url}#event-{item.row.get('amends') or item.row['sequence']}"

    def item_guid(self, item: board.FeedRow) -> str:
        return f"urn:uuid:{item.entry_uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: board.FeedRow) -> datetime:
        return item.recorded_at

    def item_updateddate(self, item: board.FeedRow) -> datetime:
        return item.recorded_at

    def item_categories(self, item: board.FeedRow) -> list[str]:
        return [c for c in (item.kind, item.row.get("to_status")) if c]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item: board.FeedRow = kwargs["item"]

        causes = item.row.get("causes") or []
        if item.kind == "retracted" and not causes:
            causes = item.retracted_causes  # what the retracted change had stated
        context.update(
            row=item.row,
            kind=item.kind,
            retracted_label=item.retracted_label,
            # The title's words and arrow (mid-sentence, after a colon: in lower case), the
            # arrow pointing the way the reader reads.
            from_label=_from_label(item.row).lower(),
            arrow=change_arrow(),
            to_label=(
                presenters.status_label(item.row.get("to_status"))
                if item.row.get("to_status")
                else _("Withdrawn")
            ).lower(),
            occurred=presenters.show_date(
                item.row.get("occurred_on"), item.row.get("date_precision") or "day"
            ),
            # "on 3 February 2016", "in February 2012": a month takes its own words.
            when=presenters.on_date(
                item.row.get("occurred_on"), item.row.get("date_precision") or "day"
            ),
            expected=presenters.on_date(
                item.row.get("expected_resumption_on"),
                item.row.get("expected_resumption_precision") or "day",
            ),
            causes=[
                {
                    "category": presenters.category_label(c.get("category", "")),
                    "description": c.get("description", ""),
                    "stated_by": item.names.get(c.get("stated_by", ""), c.get("stated_by", "")),
                    "source": c.get("source"),
                }
                for c in causes
            ],
            sources=item.sources,
            takes_causes=item.row.get("to_status") in STATUSES_WITH_CAUSES,
            retracted_took_causes=item.retracted_took_causes,
        )
        return context


_atom = StatusChangeAtom()


def _feed_freshness(process: Process | None) -> datetime | None:
    rows = board.status_change_rows(process=process, limit=1)
    return rows and board.FeedRow(rows[0], "").recorded_at or None


def _from_label(row: dict) -> str:
    return presenters.status_label(row["from_status"]) if row.get("from_status") else _("Opened")


@public_read(feed=True)
@in_asked_language
def status_changes_atom(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    process = _process_or_404(slug) if slug else None
    # A correction rewrites rows without adding one: the processes' own stamps say so.
    changed = process.updated_at if process else board.board_freshness()[0]
    etag, last = validators("atom", slug, _feed_freshness(process), changed, last=changed)
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    response = _atom(request, slug=slug) if slug else _atom(request)
    return stamp(response, etag, last)


# -- iCalendar -----------------------------------------------------------------------------

# The Last-Modified of a calendar with nothing in it and nothing behind it: a fixed date
# before any record (not the epoch, which Django's conditional GET reads as no date).
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def calendar_for(
    items: list[CalendarItem], *, name: str, base_url: str, generated_at: datetime
) -> bytes:
    """With METHOD:PUBLISH, RFC 5545 (3.8.7.2) wants DTSTAMP to be when the file was made;
    when an item last changed is its LAST-MODIFIED."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Negotiation tracker//Board//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # TEXT, escaped as SUMMARY is (RFC 5545 3.8.8.2): icalendar writes an X- property it does
    # not know verbatim, and vobject cut a name at its first comma (an outside test).
    cal.add("x-wr-calname", icalendar.vText(one_line(name)))
    cal.add("refresh-interval", board.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for item in items:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", generated_at)
        event.add("last-modified", item.stamp)
        event.add("dtstart", item.on)
        # A month-precise date is an all-day event spanning its month (docs/architecture.md).
        last = last_day(item.on, item.precision)
        if last < date.max:
            event.add("dtend", board.one_day_after(last))
        else:  # no day after the calendar's last: its length instead (RFC 5545, 3.6.1)
            event.add("duration", timedelta(days=(last - item.on).days + 1))
        event.add("summary", one_line(item.summary))
        description = item.description
        if item.sources:
            description += "\n" + _("Sources: ") + sources_in_text(item.sources)
        event.add("description", carried(description))
        if item.location:
            event.add("location", one_line(item.location))
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", [item.kind])
        event.add("url", base_url + reverse("board:process-page", args=[item.process.slug]))
        cal.add_component(event)
    return cal.to_ical()


@public_read(feed=True)
@in_asked_language
def calendar(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    process = _process_or_404(slug) if slug else None
    # Validated by what it is made from, before it is made: the process's version (or every
    # process's), its last change, the actors' names (`validators`). A 304 built the whole
    # calendar first, 0.9 s with 189 processes, and six readers at once held every worker
    # (an outside reader's test). Its Last-Modified is the last change of what it is made
    # from: a name given later changed its names too (an outside test).
    if process is not None:
        made_of: tuple[object, ...] = (process.pk, process.version)
        changed = process.updated_at
    else:
        changed, *counts = board.board_freshness()
        made_of = tuple(counts)
    # Weak: the bytes differ from one answer to the next (DTSTAMP), the calendar does not.
    etag, last = validators("ics", slug, made_of, last=changed or NEVER, weak=True)
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    items = calendar_items(process=process) + agreement_calendar_items(process=process)
    items.sort(key=lambda i: (i.on, i.process.name, i.uid))
    name = (
        _("%(process)s: talks and resumptions") % {"process": presenters.process_name_text(process)}
        if process
        else _("Peace talks ahead")
    )
    body = calendar_for(
        items,
        name=name,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        generated_at=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = f"{slug}.ics" if slug else "calendar.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return stamp(response, etag, last)
