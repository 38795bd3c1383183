"""The admin's pages for a process, read through selectors, and what the command forms
(`record.py`) share with them: who may record, the status badge, timeline rows."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from negotiations.admin.words import (
    choice_label,
    described,
    event_label,
    field_label,
    status_label,
)
from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.history import AMENDMENTS
from negotiations.domain.registry import (
    BODIES,
    KINDS,
    OPENING,
    SCHEDULING,
    STATUSES_WITH_CAUSES,
)
from negotiations.domain.specs import SPECS
from negotiations.domain.status_machine import allowed_events
from negotiations.presentation.labels import as_date
from negotiations.presentation.timeline_range import TimelineRange
from negotiations.presentation.timeline_svg import (
    RangeOptions,
    period_rows,
    status_bands_svg,
)
from negotiations.read import selectors
from negotiations.read.models import STATUS_CHOICES, Process, TimelineEntry
from negotiations.read.summaries import named_causes
from negotiations.write.models import Actor
from negotiations.write.permissions import may_record, may_use_admin

# Opening has its own form ("add process"); amendments start from a timeline row.
RECORDABLE = [t for t in SPECS if t != OPENING and t not in AMENDMENTS]
TEMPLATES = "admin/negotiations/process/"


def can_record(request: HttpRequest) -> bool:
    return may_use_admin(request.user) and may_record(request.user)


def can_browse(request: HttpRequest) -> bool:
    # Reads are public in the API; in the admin every active staff member may read.
    return may_use_admin(request.user)


# The badges' colours are in negotiations/static/negotiations/status-badge.css.
BADGE_CSS = "negotiations/status-badge.css"


def status_badge(status: str) -> str:
    label = dict(STATUS_CHOICES).get(status, status)
    return format_html('<span class="status-badge status-{}">{}</span>', status, label)


def process_or_404(process_id: UUID | str) -> Process:
    try:
        return selectors.process_by_ref(process_id)
    except ProcessNotFound:
        raise Http404(_("No such process.")) from None


def require_recorder(request: HttpRequest) -> None:
    if not can_record(request):
        raise PermissionDenied


def _page_url(process: Process) -> str:
    return page_url_for(process.pk)


def page_url_for(process_id: UUID) -> str:
    return reverse("admin:negotiations_process_change", args=[process_id])


def admin_context(model_admin: ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Process._meta,
        "app_label": Process._meta.app_label,
        **extra,
    }


# -- reading -------------------------------------------------------------------------------


def actor_names() -> dict[str, str]:
    return dict(Actor.objects.values_list("slug", "name"))


def _field_rows(event_type: str, values: dict[str, Any], names: dict[str, str]) -> list:
    """An event's own fields as (label, text) pairs, for the timeline. A precision whose date
    is not there is not shown (it means nothing), and talks scheduled with no date say they
    were postponed with no new date."""
    rows = []
    precisions = dict(BODIES[event_type].dated)  # each date field's precision field
    undated = {p for d, p in precisions.items() if values.get(d) in (None, "")}
    for fspec in SPECS[event_type].fields:
        value = values.get(fspec.name)
        if event_type == SCHEDULING and fspec.name == KINDS[SCHEDULING].announces and not value:
            value = _("Postponed; no new date set.")
        if value in (None, "", [], {}) or fspec.name in undated:
            continue
        match fspec.kind:
            case "actor":
                value = names.get(value, value)
            case "actors":
                value = ", ".join(names.get(v, v) for v in value)
            case "date" if values.get(precisions.get(fspec.name, "")) == "month":
                # As the event's own date is shown: "March 2017", never a first of the month
                # a reader would take for the day (a value that is no date, as stored).
                value = _month_of(value)
            case "sequence":
                value = f"#{value}"
            case "changes":
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            case "choice":
                value = choice_label(value)
            case "third_parties":
                value = ", ".join(
                    f"{names.get(t['actor'], t['actor'])} ({choice_label(t['role'])})"
                    for t in value
                )
        rows.append((field_label(fspec.name), value))
    return rows


def _month_of(value: Any) -> Any:
    try:
        day = as_date(value)
    except ValueError:
        return value
    return date_format(day, "YEAR_MONTH_FORMAT") if day else value


def _causes(causes: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {**c, "category_label": choice_label(c.get("category", ""))}
        for c in named_causes(causes or (), names)
    ]


def timeline_row(row: TimelineEntry, raw: bool, names: dict[str, str], editor: bool) -> dict:
    values = row.recorded if raw or row.current is None else row.current
    amendment = row.type in AMENDMENTS
    occurred_on, precision = row.dated(raw=raw)
    return {
        "row": row,
        "values": values,
        "occurred_on": occurred_on,
        "label": event_label(row.type),
        "fields": _field_rows(row.type, values, names),
        "causes": _causes(values.get("causes") or [], names),
        "sources": values.get("sources") or [],
        "month_only": precision == "month",
        "can_amend": editor and not raw and not amendment and not row.retracted,
        "can_retract": row.type != OPENING,
    }


def process_page(model_admin: ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Summary, current stated causes, timeline picture and timeline of one process."""
    if not can_browse(request):
        raise PermissionDenied
    process = process_or_404(object_id)
    raw = request.GET.get("raw") == "1"
    names = actor_names()
    editor = can_record(request)
    today = selectors.today()
    shown = TimelineRange.from_query(request.GET, today)
    periods = selectors.status_periods(process)
    span: RangeOptions = {"today": today, "names": names, "start": shown.start, "end": shown.end}
    context = admin_context(
        model_admin,
        request,
        title=process.name,
        process=process,
        original=process,
        badge=status_badge(process.status),
        overdue=selectors.is_overdue(process),
        mediators=[names.get(m, m) for m in process.mediators],
        parties=[(names.get(p["actor"], p["actor"]), p["participation"]) for p in process.parties],
        causes=_causes(process.status_causes, names),
        takes_causes=process.status in STATUSES_WITH_CAUSES,
        picture=status_bands_svg(
            periods,
            title=_("Status of %(name)s") % {"name": process.name},
            table_id="status-table",
            **span,
        ),
        period_rows=period_rows(periods, **span),
        shown_range=shown,
        timeline=[
            timeline_row(r, raw, names, editor) for r in selectors.timeline(process, raw=raw)
        ],
        raw=raw,
        can_record=editor,
        event_types=[(t, event_label(t), described(SPECS[t].summary)) for t in RECORDABLE],
        allowed_now=allowed_events(process.status),
        allowed_labels=[event_label(t) for t in allowed_events(process.status)],
        status_words=status_label(process.status),
    )
    return TemplateResponse(request, TEMPLATES + "process_page.html", context)


def choose_event_type(model_admin: ModelAdmin, request: HttpRequest, process_id: UUID):
    """The process page's type chooser submits here; go to that type's form."""
    require_recorder(request)
    process = process_or_404(process_id)
    event_type = request.GET.get("type", "")
    if event_type not in RECORDABLE:
        messages.error(request, _("Choose an event type."))
        return HttpResponseRedirect(_page_url(process))
    return HttpResponseRedirect(
        reverse("admin:negotiations_process_record_event", args=[process.pk, event_type])
    )


# -- writing -------------------------------------------------------------------------------
