"""The Atom twin of the status-change feed for agreements: one entry per agreement event
(signed, in force, a vote, an alleged breach, ended), newest first, told as the board tells
it, globally (`/feeds/agreements.atom`) and per process."""

from __future__ import annotations

import re
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.agreement_lifecycle import AGREEMENT_EVENTS
from negotiations.presentation.direction import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE
from negotiations.presentation.labels import full_stop, sentences
from negotiations.read.models import Agreement, Process, TimelineEntry

from . import presenters
from . import selectors as board
from .feeds import ProcessAtom, in_asked_language, sources_in_text
from .http import not_modified, public_read, stamp, validators
from .views import _process_or_404

ISOLATED = re.compile(
    f"{FIRST_STRONG_ISOLATE}[^{POP_DIRECTIONAL_ISOLATE}]*{POP_DIRECTIONAL_ISOLATE}"
)


def agreement_events(process: Process | None, limit: int = board.FEED_ENTRIES):
    rows = TimelineEntry.objects.filter(type__in=AGREEMENT_EVENTS).select_related("process")
    if process is not None:
        rows = rows.filter(process=process)
    return list(rows.order_by("-recorded_at", "-position")[:limit])


class AgreementAtom(ProcessAtom):
    every_title = gettext_lazy("Agreements of every peace process")
    one_title = gettext_lazy("Agreements: %(process)s")
    every_page, one_page, one_page_anchor = "board:agreements", "board:process-page", "#agreements"
    every_feed, one_feed = "board:agreements-feed", "board:process-agreements-feed"
    guid_prefix = "agreements/"

    def subtitle(self, process: Process | None) -> str:
        return _("Agreements signed, in force, voted on, alleged breached and ended, with sources.")

    def items(self, process: Process | None) -> list[dict]:
        rows = agreement_events(process)
        titles = {
            (a.process_id, a.slug): a.title
            for a in Agreement.objects.filter(process_id__in={r.process_id for r in rows})
        }
        slugs: set[str] = set()
        for row in rows:
            slugs |= set(referenced_actors(row.current or row.recorded))
        names = board.actor_names(slugs)
        return [
            {
                "row": row,
                "values": row.current or row.recorded,
                "title": titles.get(
                    (row.process_id, (row.current or row.recorded)["agreement"]), ""
                ),
                "names": names,
                "titles": {slug: t for (pid, slug), t in titles.items() if pid == row.process_id},
            }
            for row in rows
        ]

    def item_title(self, item: dict) -> str:
        row = item["row"]
        said = {
            "process": presenters.process_name_text(row.process),
            "label": presenters.event_label(row.type),
            "title": presenters.isolated(item["title"]),
        }
        if row.retraction:
            return _("%(process)s: %(label)s (retracted): %(title)s") % said
        return _("%(process)s: %(label)s: %(title)s") % said

    def item_description(self, item: dict) -> str:
        row, values = item["row"], item["values"]
        told = presenters.describe(row.type, values, item["names"], item["titles"])
        # Its stated causes, as the digest says them (an alleged breach's cause was in no feed).
        told = sentences(told, *(_cause(c, item["names"]) for c in values.get("causes") or ()))
        day = presenters.show_date(values.get("occurred_on"), values.get("date_precision", "day"))
        sources = sources_in_text(values.get("sources") or [])
        said = {"day": capfirst(day), "told": told, "sources": sources}
        # "In force from 10 June 2023: …" says its day already; a title that holds it, as
        # every name isolated, does not ("Final Agreement (24 August 2016)" lost its day).
        if day and day in ISOLATED.sub("", told):
            text = _("%(told)s Sources: %(sources)s") % said
        else:  # the day begins the text: "Novembre 2022.", not "novembre"
            text = _("%(day)s. %(told)s Sources: %(sources)s") % said
        # What amended it, and why, as the board's timeline says: a retraction first (the
        # entry then tells what is no longer held), each correction after.
        if row.retraction:
            text = sentences(_amended(_("Retracted by #%(number)s: "), row.retraction), text)
        for correction in row.corrections or ():
            text = sentences(text, _amended(_("Corrected by #%(number)s: "), correction))
        # Plain text, which an Atom entry carries as HTML (Django's `type="html"`): escaped,
        # so that a reader shows a source's `<https://...>` rather than drop it as a tag (a
        # review); in Arabic, in a right-to-left block, as the status changes' entries (most
        # readers drop the feed's xml:lang: a feed subscriber's outside test).
        if get_language_bidi():
            return format_html('<div dir="rtl">{}</div>', text)
        return escape(text)

    def item_link(self, item: dict) -> str:
        row = item["row"]
        return reverse("board:process-page", args=[row.process.slug]) + f"#event-{row.sequence}"

    def item_guid(self, item: dict) -> str:
        row = item["row"]
        key = f"{row.process_id}/agreement/{row.sequence}"
        return f"urn:uuid:{board.uuid.uuid5(board.FEED_NAMESPACE, key)}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: dict) -> datetime:
        return item["row"].recorded_at

    def item_updateddate(self, item: dict) -> datetime:
        """When the entry last changed: its latest correction or its retraction, else its
        recording. A reader holding the entry fetches it again only when this moves
        (RFC 4287, atom:updated), so a corrected vote would otherwise stay as first told."""
        row = item["row"]
        amended = [*(c.get("recorded_at") for c in row.corrections or ())]
        if row.retraction:
            amended.append(row.retraction.get("recorded_at"))
        times = [parse_datetime(t) for t in amended if isinstance(t, str)]
        return max([row.recorded_at, *(t for t in times if t is not None)])

    def item_categories(self, item: dict) -> list[str]:
        return [item["row"].type]


def _cause(cause: dict, names: dict[str, str]) -> str:
    """'Cause (Military escalation), stated by <who>: <what>.'"""
    said = _("Cause (%(category)s), stated by %(who)s: ") % {
        "category": presenters.category_label(cause["category"]),
        "who": presenters.isolated(names.get(cause["stated_by"], cause["stated_by"])),
    }
    return said + _ended(cause["description"])


def _amended(said: str, amendment: dict) -> str:
    """'Retracted by #24: <reason>.'"""
    return f"{said % {'number': amendment.get('sequence')}}{_ended(amendment.get('reason', ''))}"


def _ended(text: str) -> str:
    """Text someone wrote, isolated, as a sentence in the reader's language (its full stop
    added unless it ends one itself)."""
    if text.rstrip().endswith((".", "!", "?", "…", '"', "»", "。", "؟")):
        return presenters.isolated(text)
    return presenters.isolated(text) + full_stop()


_atom = AgreementAtom()


@public_read(feed=True)
@in_asked_language
def agreements_atom(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    process = _process_or_404(slug) if slug else None
    changed = process.updated_at if process else board.board_freshness()[0]
    etag, last = validators("agreements-atom", slug, changed, last=changed)
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    response = _atom(request, slug=slug) if slug else _atom(request)
    return stamp(response, etag, last)
