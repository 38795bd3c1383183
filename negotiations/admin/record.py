"""The admin's command forms: open a process, record an event, correct or retract one.

Each view translates its forms into one command on the application. The application decides;
a refusal comes back as a DomainError and is shown on the form, with nothing recorded. A lost
race (someone recorded meanwhile) rebinds the form at the current version and lists what
changed. A commit whose outcome is unknown (the database connection lost during it) says so
on the form, answered 503: submitting the same form again (its Idempotency-Key) tells which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from negotiations.admin.bodies import (
    body_from_forms,
    correction_changes,
    initial_from_values,
    show_refusal,
)
from negotiations.admin.forms import (
    EventForm,
    RetractionForm,
    cause_formset,
    event_form_class,
    new_control_values,
    source_formset,
)
from negotiations.admin.views import (
    RECORDABLE,
    TEMPLATES,
    actor_names,
    admin_context,
    page_url_for,
    process_or_404,
    require_recorder,
    status_badge,
    timeline_row,
)
from negotiations.domain.errors import DomainError, VersionConflict
from negotiations.domain.history import AMENDMENTS
from negotiations.domain.registry import CORRECTION, OPENING, RETRACTION
from negotiations.domain.specs import SPECS
from negotiations.domain.status_machine import allowed_events
from negotiations.read import selectors
from negotiations.read.consistency import wait_for_position
from negotiations.read.models import Process, TimelineEntry
from negotiations.write.commit import CommitOutcomeUnknown
from negotiations.write.runtime import get_application


@dataclass
class Forms:
    """A command's form and its causes and sources formsets (absent where the type has none),
    bound to the POST or unbound with initial values."""

    form: EventForm
    causes: BaseFormSet | None = None
    sources: BaseFormSet | None = None
    outcome_unknown: bool = False  # the last submit failed at its commit (answered 503)

    @classmethod
    def for_request(
        cls,
        request: HttpRequest,
        form_class: type[EventForm],
        causes_class: type[BaseFormSet] | None = None,
        sources_class: type[BaseFormSet] | None = None,
        *,
        initial: dict[str, Any],
        cause_rows: list[dict[str, Any]] | None = None,
        source_rows: list[dict[str, Any]] | None = None,
    ) -> Forms:
        if request.method == "POST":
            data: dict[str, Any] = {"data": request.POST}
            return cls(
                form_class(request.POST),
                causes_class(prefix="causes", **data) if causes_class else None,
                sources_class(prefix="sources", **data) if sources_class else None,
            )
        return cls(
            form_class(initial=initial),
            causes_class(prefix="causes", initial=cause_rows) if causes_class else None,
            sources_class(prefix="sources", initial=source_rows) if sources_class else None,
        )

    def valid(self) -> bool:
        return all([f.is_valid() for f in (self.form, self.causes, self.sources) if f is not None])

    def body(self) -> dict[str, Any]:
        return body_from_forms(self.form, self.causes, self.sources)

    def refuse(self, error: DomainError) -> None:
        show_refusal(error, self.form, self.causes, self.sources)

    def say_outcome_unknown(self) -> None:
        self.outcome_unknown = True
        self.form.add_error(
            None,
            _(
                "The connection to the database was lost while this was being recorded: it "
                "may have been recorded, or not. Submit this form again as it is to find out: "
                "if it was recorded you will be told so and nothing is recorded twice; if it "
                "was not, it is recorded now."
            ),
        )


def _who(request: HttpRequest) -> str:
    return request.user.get_username()


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
    return HttpResponseRedirect(page_url_for(result.process_id))


def _conflict(
    request: HttpRequest, forms: Forms, error: VersionConflict, process: Process
) -> list[TimelineEntry]:
    """Rebind the form at the current version; what was recorded meanwhile, to list."""
    data = request.POST.copy()
    data["expected_version"] = str(error.current_version)
    forms.form = type(forms.form)(data)
    forms.form.is_valid()
    forms.form.add_error(
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
    return list(selectors.timeline(process, raw=True).filter(sequence__gt=error.expected_version))


def _record(
    request: HttpRequest, process: Process, forms: Forms, event_type: str, body: dict[str, Any]
) -> tuple[HttpResponse | None, list[TimelineEntry]]:
    """Run `record_event`: the confirmation, or None and what to list after a lost race (a
    refusal is shown on the forms)."""
    try:
        result = get_application().record_event(
            process.id,
            event_type=event_type,
            body=body,
            recorded_by=_who(request),
            expected_version=forms.form.cleaned_data["expected_version"],
            idempotency_key=forms.form.cleaned_data["idempotency_key"],
        )
    except VersionConflict as error:
        return None, _conflict(request, forms, error, process)
    except DomainError as error:
        forms.refuse(error)
        return None, []
    except CommitOutcomeUnknown:
        forms.say_outcome_unknown()
        return None, []
    return _done(request, result, event_type), []


def _render(
    model_admin: ModelAdmin,
    request: HttpRequest,
    forms: Forms,
    *,
    title: str,
    process: Process | None = None,
    amends: TimelineEntry | None = None,
    **extra: Any,
) -> HttpResponse:
    present = [f for f in (forms.form, forms.causes, forms.sources) if f is not None]
    media = sum((f.media for f in present), start=forms.form.media.__class__())
    if process is not None:
        extra["badge"] = status_badge(process.status)
    if amends is not None:
        extra["amends"] = timeline_row(amends, False, actor_names(), False)
    context = admin_context(
        model_admin,
        request,
        title=title,
        media=media,
        process=process,
        form=forms.form,
        causes=forms.causes,
        sources=forms.sources,
        **extra,
    )
    status = 503 if forms.outcome_unknown else 200
    return TemplateResponse(request, TEMPLATES + "command_form.html", context, status=status)


ProcessView = Callable[..., HttpResponse]


def _on_a_process(view: ProcessView) -> ProcessView:
    """A command form on one process: only a recorder may open it, and the process named in
    the URL must exist (404 otherwise)."""

    @wraps(view)
    def checked(
        model_admin: ModelAdmin, request: HttpRequest, process_id: UUID, **kwargs: Any
    ) -> HttpResponse:
        require_recorder(request)
        return view(model_admin, request, process_or_404(process_id), **kwargs)

    return checked


def open_process(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The admin's "add process": the `open_process` command."""
    require_recorder(request)
    forms = Forms.for_request(
        request,
        event_form_class(OPENING),
        sources_class=source_formset(),
        initial={**new_control_values(None), "date_precision": "day"},
    )
    if request.method == "POST" and forms.valid():
        try:
            result = get_application().open_process(
                forms.body(),
                recorded_by=_who(request),
                idempotency_key=forms.form.cleaned_data["idempotency_key"],
            )
        except DomainError as error:
            forms.refuse(error)
        except CommitOutcomeUnknown:
            forms.say_outcome_unknown()
        else:
            return _done(request, result, OPENING)
    return _render(
        model_admin,
        request,
        forms,
        title=_("Open a peace process"),
        summary=SPECS[OPENING].summary,
        submit_label=_("Open the process"),
    )


@_on_a_process
def record_event(
    model_admin: ModelAdmin, request: HttpRequest, process: Process, event_type: str
) -> HttpResponse:
    """One event type's form; on submit, `record_event` on the application."""
    if event_type not in RECORDABLE:
        raise Http404(_("No such event type."))
    spec = SPECS[event_type]
    forms = Forms.for_request(
        request,
        event_form_class(event_type),
        cause_formset() if spec.causes != "none" else None,
        source_formset(),
        initial={**new_control_values(process.version), "date_precision": "day"},
    )
    since: list[TimelineEntry] = []
    if request.method == "POST" and forms.valid():
        done, since = _record(request, process, forms, event_type, forms.body())
        if done:
            return done
    return _render(
        model_admin,
        request,
        forms,
        title=_("Record %(type)s") % {"type": event_type},
        process=process,
        allowed_now=allowed_events(process.status),
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
    model_admin: ModelAdmin,
    request: HttpRequest,
    process: Process,
    row: TimelineEntry,
    forms: Forms,
    event_type: str,
    body: Callable[[], dict[str, Any] | None],
) -> HttpResponse:
    """An amendment's form: on a valid submit whose `body` gives one, the amendment recorded
    dated today and confirmed; otherwise the form again, with the event it amends."""
    since: list[TimelineEntry] = []
    if request.method == "POST" and forms.valid() and (amendment := body()) is not None:
        today = datetime.now(UTC).date().isoformat()
        done, since = _record(
            request, process, forms, event_type, {"occurred_on": today, **amendment}
        )
        if done:
            return done
    page = _amendment_page(event_type, row)
    return _render(model_admin, request, forms, process=process, amends=row, since=since, **page)


def _amendment_page(event_type: str, row: TimelineEntry) -> dict[str, str]:
    """The title, the summary and the button of the form correcting or retracting `row`."""
    named = {"seq": row.sequence, "type": row.type}
    if event_type == CORRECTION:
        return {
            "title": _("Correct event #%(seq)s (%(type)s)") % named,
            "summary": _(
                "Change what was wrong and give the reason. The original stays in the raw history."
            ),
            "submit_label": _("Record the correction"),
        }
    return {
        "title": _("Retract event #%(seq)s (%(type)s)") % named,
        "summary": _("The event stays in the raw history, marked as retracted, with your reason."),
        "submit_label": _("Retract event #%(seq)s") % named,
    }


@_on_a_process
def correct_event(
    model_admin: ModelAdmin, request: HttpRequest, process: Process, sequence: int
) -> HttpResponse:
    """A correction: the event's own form, prefilled; the fields changed become `changes`."""
    row = _entry(process, sequence)
    current = row.current or row.recorded
    initial, cause_rows, source_rows = initial_from_values(current)
    forms = Forms.for_request(
        request,
        event_form_class(row.type, for_correction=True),
        cause_formset(extra=1) if SPECS[row.type].causes != "none" else None,
        source_formset(extra=1),
        initial={**initial, **new_control_values(process.version)},
        cause_rows=cause_rows,
        source_rows=source_rows,
    )

    def correction() -> dict[str, Any] | None:
        keys = [n for n in forms.form.own_field_names() if n != "reason"] + ["sources"]
        keys += ["causes"] if forms.causes is not None else []
        changes = correction_changes(current, forms.body(), keys)
        if not changes:
            forms.form.add_error(None, _("Nothing was changed: change at least one field."))
            return None
        return {
            "corrects": sequence,
            "changes": changes,
            "reason": forms.form.cleaned_data["reason"],
        }

    return _amend(model_admin, request, process, row, forms, CORRECTION, correction)


@_on_a_process
def retract_event(
    model_admin: ModelAdmin, request: HttpRequest, process: Process, sequence: int
) -> HttpResponse:
    """A retraction: the event stays in the history, withdrawn, with the reason."""
    row = _entry(process, sequence)
    forms = Forms.for_request(request, RetractionForm, initial=new_control_values(process.version))

    def retraction() -> dict[str, Any]:
        return {"retracts": sequence, "reason": forms.form.cleaned_data["reason"]}

    return _amend(model_admin, request, process, row, forms, RETRACTION, retraction)
