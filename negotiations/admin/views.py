"""The admin's pages for a process: read through selectors, write through commands.

Each view translates a form into one command on the application. The application decides;
a refusal comes back as a DomainError and is shown on the form, with nothing recorded.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from negotiations.admin.forms import (
    EventForm,
    RetractionForm,
    body_from_forms,
    cause_formset,
    correction_changes,
    event_form_class,
    initial_from_values,
    new_control_values,
    show_refusal,
    source_formset,
)
from negotiations.domain.errors import DomainError, ProcessNotFound, VersionConflict
from negotiations.domain.history import AMENDMENTS
from negotiations.domain.specs import SPECS
from negotiations.domain.status_machine import allowed_events
from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from negotiations.domain.vocabulary import EventType as E
from negotiations.presentation.timeline_range import TimelineRange
from negotiations.presentation.timeline_svg import period_rows, status_bands_svg, status_colour
from negotiations.read import selectors
from negotiations.read.consistency import wait_for_position
from negotiations.read.models import Process, TimelineEntry
from negotiations.write.models import Actor
from negotiations.write.permissions import may_record, may_use_admin
from negotiations.write.runtime import get_application

# Opening has its own form ("add process"); amendments start from a timeline row.
RECORDABLE = [t for t in SPECS if t != E.PROCESS_OPENED and t not in AMENDMENTS]
TEMPLATES = "admin/negotiations/process/"


def can_record(request: HttpRequest) -> bool:
    return may_use_admin(request.user) and may_record(request.user)


def can_browse(request: HttpRequest) -> bool:
    # Reads are public in the API; in the admin every active staff member may read.
    return may_use_admin(request.user)


def status_badge(status: str) -> str:
    text_colour = "#000" if status == "paused" else "#fff"
    label = dict(Process._meta.get_field("status").choices).get(status, status)
    return format_html(
        '<span class="status-badge status-{}" style="background:{};color:{};padding:2px 8px;'
        'border-radius:10px;font-weight:bold;white-space:nowrap">{}</span>',
        status,
        status_colour(status),
        text_colour,
        label,
    )


def _process(process_id: UUID | str) -> Process:
    try:
        return selectors.process_by_ref(process_id)
    except ProcessNotFound:
        raise Http404(_("No such process.")) from None


def _require_recorder(request: HttpRequest) -> None:
    if not can_record(request):
        raise PermissionDenied


def _page_url(process: Process) -> str:
    return _page_url_for(process.pk)


def _page_url_for(process_id: UUID) -> str:
    return reverse("admin:negotiations_process_change", args=[process_id])


def _context(model_admin: ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Process._meta,
        "app_label": Process._meta.app_label,
        **extra,
    }


# -- reading -------------------------------------------------------------------------------


def _actor_names() -> dict[str, str]:
    return dict(Actor.objects.values_list("slug", "name"))


def _field_rows(event_type: str, values: dict[str, Any], names: dict[str, str]) -> list:
    """An event's own fields as (label, text) pairs, for the timeline."""
    rows = []
    for fspec in SPECS[event_type].fields:
        value = values.get(fspec.name)
        if value in (None, "", [], {}):
            continue
        match fspec.kind:
            case "actor":
                value = names.get(value, value)
            case "actors":
                value = ", ".join(names.get(v, v) for v in value)
            case "sequence":
                value = f"#{value}"
            case "changes":
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        rows.append((fspec.name.replace("_", " "), value))
    return rows


def _causes(causes: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            **c,
            "category_label": CAUSE_CATEGORIES.get(c.get("category", ""), c.get("category")),
            "stated_by_name": names.get(c.get("stated_by", ""), c.get("stated_by")),
        }
        for c in causes or ()
    ]


def _timeline_row(row: TimelineEntry, raw: bool, names: dict[str, str], editor: bool) -> dict:
    values = row.recorded if raw or row.current is None else row.current
    amendment = row.type in AMENDMENTS
    return {
        "row": row,
        "values": values,
        "fields": _field_rows(row.type, values, names),
        "causes": _causes(values.get("causes") or [], names),
        "sources": values.get("sources") or [],
        "month_only": values.get("date_precision") == "month",
        "can_amend": editor and not raw and not amendment and not row.retracted,
        "can_retract": row.type != E.PROCESS_OPENED,
    }


def process_page(model_admin: ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Summary, current stated causes, timeline picture and timeline of one process."""
    if not can_browse(request):
        raise PermissionDenied
    process = _process(object_id)
    raw = request.GET.get("raw") == "1"
    names = _actor_names()
    editor = can_record(request)
    today = selectors.today()
    shown = TimelineRange.from_query(request.GET, today)
    periods = list(process.periods.all())
    span = {"today": today, "names": names, "start": shown.start, "end": shown.end}
    context = _context(
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
        picture=status_bands_svg(
            periods,
            title=_("Status of %(name)s") % {"name": process.name},
            table_id="status-table",
            **span,
        ),
        period_rows=period_rows(periods, **span),
        shown_range=shown,
        timeline=[
            _timeline_row(r, raw, names, editor) for r in selectors.timeline(process, raw=raw)
        ],
        raw=raw,
        can_record=editor,
        event_types=[(t, SPECS[t].summary) for t in RECORDABLE],
        allowed_now=allowed_events(process.status),
    )
    return TemplateResponse(request, TEMPLATES + "process_page.html", context)


def choose_event_type(model_admin: ModelAdmin, request: HttpRequest, process_id: UUID):
    """The process page's type chooser submits here; go to that type's form."""
    _require_recorder(request)
    process = _process(process_id)
    event_type = request.GET.get("type", "")
    if event_type not in RECORDABLE:
        messages.error(request, _("Choose an event type."))
        return HttpResponseRedirect(_page_url(process))
    return HttpResponseRedirect(
        reverse("admin:negotiations_process_record_event", args=[process.pk, event_type])
    )


# -- writing -------------------------------------------------------------------------------


def _who(request: HttpRequest) -> str:
    return request.user.get_username()


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _done(request: HttpRequest, result: Any, event_type: str) -> HttpResponse:
    """Confirm from what the command recorded; in the async mode wait (bounded) for the
    projection to include it, so the page shows the event just recorded."""
    if not wait_for_position(result.position or 0):
        messages.warning(
            request,
            _(
                "Recorded #%(seq)s, %(type)s. The pages are still catching up with it: "
                "reload in a moment to see it."
            )
            % {"seq": result.sequence, "type": event_type},
        )
        return HttpResponseRedirect(reverse("admin:negotiations_process_changelist"))
    if result.replayed:
        messages.info(
            request,
            _("This form was already submitted: event #%(seq)s was recorded once, not twice.")
            % {"seq": result.sequence},
        )
    else:
        messages.success(
            request,
            _("Recorded #%(seq)s, %(type)s.") % {"seq": result.sequence, "type": event_type},
        )
    return HttpResponseRedirect(_page_url_for(result.process_id))


def _conflict(
    request: HttpRequest, form_class: type[EventForm], error: VersionConflict, process: Process
) -> tuple[EventForm, list[TimelineEntry]]:
    """Rebind the form at the current version and list what was recorded meanwhile."""
    data = request.POST.copy()
    data["expected_version"] = str(error.current_version)
    form = form_class(data)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Nothing was recorded: someone recorded %(n)s event(s) on this process since you "
            "opened this form (it was at version %(old)s, it is now at %(new)s). Check what "
            "changed, listed below, then submit again."
        )
        % {
            "n": error.current_version - error.expected_version,
            "old": error.expected_version,
            "new": error.current_version,
        },
    )
    since = list(selectors.timeline(process, raw=True).filter(sequence__gt=error.expected_version))
    return form, since


def _render_command(
    model_admin: ModelAdmin, request: HttpRequest, *, title: str, **extra: Any
) -> HttpResponse:
    forms_ = [extra.get("form"), extra.get("causes"), extra.get("sources")]
    media = sum((f.media for f in forms_ if f is not None), start=forms_[0].media.__class__())
    context = _context(model_admin, request, title=title, media=media, **extra)
    return TemplateResponse(request, TEMPLATES + "command_form.html", context)


def open_process(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The admin's "add process": the `process_opened` command."""
    _require_recorder(request)
    form_class = event_form_class(E.PROCESS_OPENED)
    sources_class = source_formset()
    if request.method == "POST":
        form = form_class(request.POST)
        sources = sources_class(request.POST, prefix="sources")
        if form.is_valid() and sources.is_valid():
            body = body_from_forms(form, None, sources)
            try:
                result = get_application().open_process(
                    body,
                    recorded_by=_who(request),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except DomainError as error:
                show_refusal(error, form, None, sources)
            else:
                return _done(request, result, E.PROCESS_OPENED)
    else:
        form = form_class(initial={**new_control_values(None), "date_precision": "day"})
        sources = sources_class(prefix="sources")
    return _render_command(
        model_admin,
        request,
        title=_("Open a peace process"),
        form=form,
        sources=sources,
        summary=SPECS[E.PROCESS_OPENED].summary,
        submit_label=_("Open the process"),
    )


def record_event(
    model_admin: ModelAdmin, request: HttpRequest, process_id: UUID, event_type: str
) -> HttpResponse:
    """One event type's form; on submit, `record_event` on the application."""
    _require_recorder(request)
    process = _process(process_id)
    if event_type not in RECORDABLE:
        raise Http404(_("No such event type."))
    spec = SPECS[event_type]
    form_class = event_form_class(event_type)
    causes_class = cause_formset() if spec.causes != "none" else None
    sources_class = source_formset()
    since: list[TimelineEntry] = []
    if request.method == "POST":
        form = form_class(request.POST)
        causes = causes_class(request.POST, prefix="causes") if causes_class else None
        sources = sources_class(request.POST, prefix="sources")
        if form.is_valid() and sources.is_valid() and (causes is None or causes.is_valid()):
            try:
                result = get_application().record_event(
                    process.id,
                    event_type=event_type,
                    body=body_from_forms(form, causes, sources),
                    recorded_by=_who(request),
                    expected_version=form.cleaned_data["expected_version"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except VersionConflict as error:
                form, since = _conflict(request, form_class, error, process)
            except DomainError as error:
                show_refusal(error, form, causes, sources)
            else:
                return _done(request, result, event_type)
    else:
        form = form_class(initial={**new_control_values(process.version), "date_precision": "day"})
        causes = causes_class(prefix="causes") if causes_class else None
        sources = sources_class(prefix="sources")
    return _render_command(
        model_admin,
        request,
        title=_("Record %(type)s") % {"type": event_type},
        process=process,
        badge=status_badge(process.status),
        allowed_now=allowed_events(process.status),
        form=form,
        causes=causes,
        sources=sources,
        summary=spec.summary,
        since=since,
        submit_label=_("Record %(type)s") % {"type": event_type},
    )


def _entry(process: Process, sequence: int) -> TimelineEntry:
    row = TimelineEntry.objects.filter(process=process, sequence=sequence).first()
    if row is None or row.type in AMENDMENTS:
        raise Http404(_("No event #%(seq)s to amend.") % {"seq": sequence})
    return row


def _amend(
    request: HttpRequest,
    process: Process,
    form: EventForm,
    event_type: str,
    body: dict[str, Any],
    show: Any,
) -> tuple[HttpResponse | None, list[TimelineEntry], EventForm]:
    try:
        result = get_application().record_event(
            process.id,
            event_type=event_type,
            body={"occurred_on": _today(), **body},
            recorded_by=_who(request),
            expected_version=form.cleaned_data["expected_version"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except VersionConflict as error:
        form, since = _conflict(request, type(form), error, process)
        return None, since, form
    except DomainError as error:
        show(error)
        return None, [], form
    return _done(request, result, event_type), [], form


def correct_event(
    model_admin: ModelAdmin, request: HttpRequest, process_id: UUID, sequence: int
) -> HttpResponse:
    """A correction: the event's own form, prefilled; the fields changed become `changes`."""
    _require_recorder(request)
    process = _process(process_id)
    row = _entry(process, sequence)
    spec = SPECS[row.type]
    current = row.current or row.recorded
    form_class = event_form_class(row.type, for_correction=True)
    causes_class = cause_formset(extra=1) if spec.causes != "none" else None
    sources_class = source_formset(extra=1)
    since: list[TimelineEntry] = []
    if request.method == "POST":
        form = form_class(request.POST)
        causes = causes_class(request.POST, prefix="causes") if causes_class else None
        sources = sources_class(request.POST, prefix="sources")
        if form.is_valid() and sources.is_valid() and (causes is None or causes.is_valid()):
            body = body_from_forms(form, causes, sources)
            keys = [n for n in form.own_field_names() if n != "reason"] + ["sources"]
            keys += ["causes"] if causes is not None else []
            changes = correction_changes(current, body, keys)
            if not changes:
                form.add_error(None, _("Nothing was changed: change at least one field."))
            else:
                done, since, form = _amend(
                    request,
                    process,
                    form,
                    E.EVENT_CORRECTED,
                    {
                        "corrects": sequence,
                        "changes": changes,
                        "reason": form.cleaned_data["reason"],
                    },
                    lambda e: show_refusal(e, form, causes, sources),
                )
                if done:
                    return done
    else:
        initial, cause_rows, source_rows = initial_from_values(current)
        form = form_class(initial={**initial, **new_control_values(process.version)})
        causes = causes_class(prefix="causes", initial=cause_rows) if causes_class else None
        sources = sources_class(prefix="sources", initial=source_rows)
    return _render_command(
        model_admin,
        request,
        title=_("Correct event #%(seq)s (%(type)s)") % {"seq": sequence, "type": row.type},
        process=process,
        badge=status_badge(process.status),
        form=form,
        causes=causes,
        sources=sources,
        summary=_(
            "Change what was wrong and give the reason. The original stays in the raw history."
        ),
        since=since,
        amends=_timeline_row(row, False, _actor_names(), False),
        submit_label=_("Record the correction"),
    )


def retract_event(
    model_admin: ModelAdmin, request: HttpRequest, process_id: UUID, sequence: int
) -> HttpResponse:
    """A retraction: the event stays in the history, withdrawn, with the reason."""
    _require_recorder(request)
    process = _process(process_id)
    row = _entry(process, sequence)
    since: list[TimelineEntry] = []
    if request.method == "POST":
        form = RetractionForm(request.POST)
        if form.is_valid():
            done, since, form = _amend(
                request,
                process,
                form,
                E.EVENT_RETRACTED,
                {"retracts": sequence, "reason": form.cleaned_data["reason"]},
                lambda e: show_refusal(e, form),
            )
            if done:
                return done
    else:
        form = RetractionForm(initial=new_control_values(process.version))
    return _render_command(
        model_admin,
        request,
        title=_("Retract event #%(seq)s (%(type)s)") % {"seq": sequence, "type": row.type},
        process=process,
        badge=status_badge(process.status),
        form=form,
        causes=None,
        sources=None,
        summary=_("The event stays in the raw history, marked as retracted, with your reason."),
        since=since,
        amends=_timeline_row(row, False, _actor_names(), False),
        submit_label=_("Retract event #%(seq)s") % {"seq": sequence},
    )
