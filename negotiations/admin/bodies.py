"""The admin forms' data as a command's body, an event's values as the forms' initial data,
and a refusal's messages put back on the fields they name."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from negotiations.admin.forms import CONTROL_FIELDS, EventForm
from negotiations.domain.bodies import Body
from negotiations.domain.errors import DomainError, InvalidEvent
from negotiations.domain.registry import BODIES
from negotiations.presentation.labels import field_label, full_stop
from negotiations.presentation.refusals import refusal_in_words, say_again
from negotiations.write.models import Actor


def _dated(event_type: str) -> tuple[tuple[str, str], ...]:
    """The event type's date fields, each with the field that gives its precision."""
    return BODIES.get(event_type, Body).dated


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Actor):
        return value.slug
    if hasattr(value, "values_list"):  # the actors a multiple choice returned
        return list(value.values_list("slug", flat=True))
    return value


def _kept_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The formset's filled-in rows, in order (blank extra rows and deleted rows left out)."""
    return [
        f
        for f in formset.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def cause_value(data: dict[str, Any]) -> dict[str, Any]:
    cause = {
        "category": data["category"],
        "description": data["description"],
        "stated_by": _plain(data["stated_by"]),
    }
    source = {
        k: _plain(data[f"source_{k}"])
        for k in ("url", "outlet", "title", "published_on")
        if data.get(f"source_{k}")
    }
    if source:
        cause["source"] = source
    return cause


def source_value(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(data[k]) for k in ("url", "outlet", "title", "published_on") if data.get(k)}


def body_from_forms(
    form: EventForm,
    causes: forms.BaseFormSet | None,
    sources: forms.BaseFormSet | None,
) -> dict[str, Any]:
    """The command body: the form's own fields (empty optional ones left out), the causes and
    the sources. Nothing is checked here beyond what the form fields parse."""
    body: dict[str, Any] = {}
    for name in form.own_field_names():
        if name == "reason":
            continue
        value = _plain(form.cleaned_data.get(name))
        if value in (None, "") and not isinstance(form.fields[name], forms.MultipleChoiceField):
            continue
        body[name] = value
    # A month-precise date is picked as any day of its month: the body sends its 1st.
    for date_field, precision_field in _dated(form.event_type):
        day = form.cleaned_data.get(date_field)
        if day and body.get(precision_field) == "month":
            body[date_field] = day.replace(day=1).isoformat()
    if causes is not None:
        body["causes"] = [cause_value(f.cleaned_data) for f in _kept_forms(causes)]
    if sources is not None:
        body["sources"] = [source_value(f.cleaned_data) for f in _kept_forms(sources)]
    return body


# -- corrections ---------------------------------------------------------------------------


def _empty_like(value: Any) -> Any:
    return [] if isinstance(value, list) else (None if value is None else "")


def _normalised(value: Any) -> Any:
    """Values compared for a correction: empty text, None and missing keys are all empty."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    return value


def correction_changes(current: dict[str, Any], body: dict[str, Any], keys: list[str]) -> dict:
    """The fields of `keys` whose value in `body` differs from the event's current value."""
    changes: dict[str, Any] = {}
    for key in keys:
        old, new = current.get(key), body.get(key)
        if _normalised({"v": old}) != _normalised({"v": new}):
            changes[key] = new if key in body else _empty_like(old)
    return changes


def initial_from_values(values: dict[str, Any]) -> tuple[dict, list[dict], list[dict]]:
    """Initial data for a correction form and its formsets from an event's current values."""
    initial = {k: v for k, v in values.items() if k not in ("causes", "sources")}
    causes = [
        {
            "category": c.get("category"),
            "description": c.get("description"),
            "stated_by": c.get("stated_by"),
            **{f"source_{k}": v for k, v in (c.get("source") or {}).items()},
        }
        for c in values.get("causes") or ()
    ]
    return initial, causes, list(values.get("sources") or ())


# -- refusals ------------------------------------------------------------------------------

_PATH = re.compile(r"^(causes|sources)\[(\d+)\](?:\.(.+))?$")
_CAUSE_FIELDS = {
    "category": "category",
    "description": "description",
    "stated_by": "stated_by",
    "source": "source_url",
    "source.url": "source_url",
    "source.outlet": "source_outlet",
    "source.title": "source_title",
    "source.published_on": "source_published_on",
}


def show_refusal(
    error: DomainError,
    form: EventForm,
    causes: forms.BaseFormSet | None = None,
    sources: forms.BaseFormSet | None = None,
) -> None:
    """Put a refusal on the forms: each message on the field it names where there is one,
    and the whole refusal in plain words at the top of the form, each field named as the
    form labels it ("Expected to resume on", "Stated cause #3, Stated by"), never by its
    code in the API."""
    if not isinstance(error, InvalidEvent):
        form.add_error(None, _("Nothing was recorded. %(why)s") % {"why": refusal_in_words(error)})
        return
    formsets = {"causes": causes, "sources": sources}
    rows = {group: _kept_forms(f) if f is not None else [] for group, f in formsets.items()}
    colon, semicolon, stop = str(_(": ")), str(_("; ")), full_stop()
    said = []
    for path, messages in error.errors.items():
        path = path.removeprefix("changes.")
        words = [say_again(m) for m in messages]
        target, name, label = _field_of(path, form, rows, formsets)
        # A field that edits a whole list: its message says which item it is about.
        listed = _PATH.match(path) is None and _LISTED.match(path) is not None
        for message in words:
            if target is not None:
                target.add_error(name, label + colon + message if listed else message)
        # Each message without its own full stop ("." or "。"): the summary ends once.
        bare = [w.rstrip(".").removesuffix(stop) for w in words]
        said.append(label + colon + semicolon.join(bare))
    why = semicolon.join(said) + stop
    form.add_error(None, _("Nothing was recorded. %(why)s") % {"why": why})


def _field_of(
    path: str,
    form: EventForm,
    rows: dict[str, list[forms.Form]],
    formsets: dict[str, forms.BaseFormSet | None],
) -> tuple[forms.Form | None, str | None, str]:
    """The form (or row) and field a refusal's `path` lands on, and its label as the form
    shows it; a path that lands on no field is named by the event's field labels."""
    if path in form.fields and path not in CONTROL_FIELDS:
        return form, path, str(form.fields[path].label)
    match = _PATH.match(path)
    if not match:
        return _listed_field(path, form)
    group, index, rest = match.group(1), int(match.group(2)), match.group(3) or ""
    name = _CAUSE_FIELDS.get(rest) if group == "causes" else rest
    formset = formsets[group]
    row = rows[group][index] if index < len(rows[group]) else None
    # The row's number as the form shows it: blank rows between filled ones count there.
    number = formset.forms.index(row) + 1 if formset is not None and row is not None else index + 1
    row_label = f"{getattr(formset, 'row_label', '') or field_label(group)} #{number}"
    if row is not None and name in row.fields:
        comma = str(_(", "))
        return row, name, row_label + comma + str(row.fields[name].label)
    return None, None, row_label


_LISTED = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


def _listed_field(path: str, form: EventForm) -> tuple[forms.Form | None, str | None, str]:
    """A field of an item of a list the form edits as one field (third parties, signatories:
    `third_parties[0].actor`), named as the form labels it ("Third parties #1, Actor"), on
    that field; any other path by the event's field labels."""
    match = _LISTED.match(path)
    if not match:
        return None, None, field_label(path)
    group, index, rest = match.group(1), int(match.group(2)), match.group(3)
    field = form.fields.get(group)
    label = f"{field.label if field is not None else field_label(group)} #{index + 1}"
    if rest:
        label += str(_(", ")) + field_label(rest)
    return (form, group, label) if field is not None else (None, None, label)
