"""The admin's command forms: open a process, record an event (amendments: `amend.py`).

Each view translates its forms into one command on the application. The application decides;
a refusal comes back as a DomainError and is shown on the form, with nothing recorded. A lost
race (someone recorded meanwhile) rebinds the form at the current version and lists what
changed. A commit whose outcome is unknown (the database connection lost during it) says so
on the form, answered 503: submitting the same form again (its Idempotency-Key) tells which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    show_refusal,
)
from negotiations.admin.forms import (
    EventForm,
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
from negotiations.admin.words import described, event_label
from negotiations.domain.errors import DomainError, VersionConflict
from negotiations.domain.registry import OPENING
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

    def put_focus(self) -> bool:
        """Typing goes to the first field in error, else to the form's first field: the forms
        opened with the focus on nothing, and a refused one on the page's top (an analyst's
        outside test, keyboard only). True when the refusal names no field (a status that
        does not allow the event, a lost race, an unknown outcome): the page then puts the
        focus on what it says, which a screen reader reads, not on a date field (a review)."""
        forms = [self.form, *(f for s in (self.causes, self.sources) if s is not None for f in s)]
        fields = [field for form in forms for field in form.visible_fields()]
        first = next((f for f in fields if f.errors), None)
        if first is None and any(form.non_field_errors() for form in forms):
            return True
        first = first or next(iter(fields), None)
        if first is not None:
            first.field.widget.attrs["autofocus"] = True
        return False

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
            % {"seq": result.sequence, "type": event_label(event_type)},
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
            _("Recorded #%(seq)s, %(type)s.")
            % {"seq": result.sequence, "type": event_label(event_type)},
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


def record_command(
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


def render_form(
    model_admin: ModelAdmin,
    request: HttpRequest,
    forms: Forms,
    *,
    title: str,
    process: Process | None = None,
    amends: TimelineEntry | None = None,
    **extra: Any,
) -> HttpResponse:
    extra["focus_on_errors"] = forms.put_focus()
    present = [f for f in (forms.form, forms.causes, forms.sources) if f is not None]
    media = sum((f.media for f in present), start=forms.form.media.__class__())
    if process is not None:
        extra["badge"] = status_badge(process.status)
    if amends is not None:
        extra["amends"] = timeline_row(amends, False, actor_names(), False)
    if extra.get("since"):  # recorded meanwhile: each named and dated as the timeline does
        names = actor_names()
        extra["since"] = [timeline_row(row, True, names, False) for row in extra["since"]]
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


def on_a_process(view: ProcessView) -> ProcessView:
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
    return render_form(
        model_admin,
        request,
        forms,
        title=_("Open a peace process"),
        summary=described(SPECS[OPENING].summary),
        submit_label=_("Open the process"),
    )


@on_a_process
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
        done, since = record_command(request, process, forms, event_type, forms.body())
        if done:
            return done
    return render_form(
        model_admin,
        request,
        forms,
        title=_("Record %(type)s") % {"type": event_label(event_type)},
        process=process,
        allowed_now=[event_label(t) for t in allowed_events(process.status)],
        summary=described(spec.summary),
        since=since,
        submit_label=_("Record %(type)s") % {"type": event_label(event_type)},
    )
