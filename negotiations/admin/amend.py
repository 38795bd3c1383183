"""The admin's amendment forms: correct or retract an event, through the command forms'
machinery (`record.py`); the amended event is shown beside the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.admin import ModelAdmin
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from negotiations.admin.bodies import correction_changes, initial_from_values
from negotiations.admin.forms import (
    RetractionForm,
    cause_formset,
    event_form_class,
    new_control_values,
    source_formset,
)
from negotiations.admin.record import Forms, on_a_process, record_command, render_form
from negotiations.admin.words import event_label
from negotiations.domain.history import AMENDMENTS
from negotiations.domain.registry import CORRECTION, RETRACTION
from negotiations.domain.specs import SPECS
from negotiations.read import selectors
from negotiations.read.models import Process, TimelineEntry


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
        today = selectors.today().isoformat()
        done, since = record_command(
            request, process, forms, event_type, {"occurred_on": today, **amendment}
        )
        if done:
            return done
    page = _amendment_page(event_type, row)
    return render_form(
        model_admin, request, forms, process=process, amends=row, since=since, **page
    )


def _amendment_page(event_type: str, row: TimelineEntry) -> dict[str, str]:
    """The title, the summary and the button of the form correcting or retracting `row`."""
    named = {"seq": row.sequence, "type": event_label(row.type)}
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


@on_a_process
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


@on_a_process
def retract_event(
    model_admin: ModelAdmin, request: HttpRequest, process: Process, sequence: int
) -> HttpResponse:
    """A retraction: the event stays in the history, withdrawn, with the reason."""
    row = _entry(process, sequence)
    forms = Forms.for_request(request, RetractionForm, initial=new_control_values(process.version))

    def retraction() -> dict[str, Any]:
        return {"retracts": sequence, "reason": forms.form.cleaned_data["reason"]}

    return _amend(model_admin, request, process, row, forms, RETRACTION, retraction)
