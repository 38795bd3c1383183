"""Admin forms generated from the event specs (`negotiations.domain.specs.SPECS`, derived
from the body models): one form per event type, with its causes and sources formsets. What
they produce is turned into a command's body by `bodies.py` and validated by `parse_body`
inside the application, never here."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.urls import reverse
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from negotiations.admin.words import choice_label, described, field_label
from negotiations.domain.agreement_bodies import third_parties_as_text, third_parties_from_text
from negotiations.domain.registry import BODIES, RETRACTION
from negotiations.domain.specs import SHORT_TEXT_MAX, SPECS, FieldSpec
from negotiations.domain.vocabulary import CAUSE_CATEGORIES, DATE_PRECISIONS
from negotiations.write.models import Actor

CONTROL_FIELDS = ("expected_version", "idempotency_key")
COMMON_FIELDS = ("occurred_on", "date_precision", "note")
# Rows shown when a form opens; "Add another" (Django's inlines.js) adds as many as needed.
CAUSE_FORMS = 1
SOURCE_FORMS = 1
# Each box of free text takes the direction of what is typed in it: an English quote typed on
# an Arabic page was set right-aligned (an Arabic reader's outside test), and so were a note,
# a reason and an outlet (an analyst's). An address reads left to right on every page: set
# right-aligned, a long one showed its end and hid its scheme (the analyst's too).
TYPED = {"dir": "auto"}
TYPED_LINE = forms.TextInput(attrs=TYPED)
URL_INPUT = forms.URLInput(attrs={"dir": "ltr"})

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _ActorRef:
    """What the admin's autocomplete widget needs to know about "a reference to an actor by
    its slug". Event bodies name actors by slug and no model holds such a foreign key, so the
    widget points at `ActorAutocompleteView` instead of the admin's generic view."""

    model = Actor
    name = "slug"

    class remote_field:  # noqa: N801 - mirrors Django's ForeignKey.remote_field
        model = Actor
        field_name = "slug"

    @staticmethod
    def get_limit_choices_to() -> dict[str, Any]:
        return {}


class _ActorAutocompleteMixin:
    def get_url(self) -> str:
        return reverse("admin:negotiations_actor_slug_autocomplete")


class _ActorPickerMedia:
    # Names select2's combobox after the field's label (it has no accessible name otherwise);
    # after the admin's autocomplete.js, which draws it (the list says so to Media's merge).
    js = [
        "admin/js/jquery.init.js",
        "admin/js/autocomplete.js",
        "negotiations/actor-picker-label.js",
    ]


class ActorSelect(_ActorAutocompleteMixin, AutocompleteSelect):
    Media = _ActorPickerMedia


class ActorSelectMultiple(_ActorAutocompleteMixin, AutocompleteSelectMultiple):
    """Its chosen actors shown in the order they were chosen (Django's lists them in the
    registry's order, and a correction's form then reordered an event's signatories)."""

    Media = _ActorPickerMedia

    def optgroups(self, name, value, attrs=None):
        order = {str(v): i for i, v in enumerate(value or ())}
        groups = super().optgroups(name, value, attrs)
        for _group, options, _index in groups:
            options.sort(key=lambda o: order.get(str(o["value"]), len(order)))
        return groups


class ActorsInOrderField(forms.ModelMultipleChoiceField):
    """Actors by slug, as the slugs chosen, in their order (the field's own answer is the
    registry's order: signatories chosen as "Government of Colombia, FARC-EP" were stored as
    "FARC-EP, Government of Colombia")."""

    def clean(self, value):
        found = set(super().clean(value).values_list("slug", flat=True))
        return [slug for slug in dict.fromkeys(value or ()) if slug in found]


def actor_field(
    *,
    required: bool,
    multiple: bool = False,
    label: StrOrPromise = "",
    help_text: StrOrPromise = "",
) -> forms.Field:
    options: dict[str, Any] = {
        "queryset": Actor.objects.all(),
        "to_field_name": "slug",
        "required": required,
        "label": label or None,
        "help_text": help_text,
    }
    if multiple:
        return ActorsInOrderField(widget=ActorSelectMultiple(_ActorRef, admin.site), **options)
    return forms.ModelChoiceField(widget=ActorSelect(_ActorRef, admin.site), **options)


def date_field(
    *, required: bool, label: StrOrPromise = "", help_text: StrOrPromise = ""
) -> forms.DateField:
    """A date typed or picked from the admin's calendar, which writes it in the first input
    format of the reader's language (`07/12/2026` in French, `03.12.2026` in Russian): that
    one format is taken, and ISO 8601 in every language (an ISO-only field refused the
    calendar's own dates in French, Russian, Spanish and Chinese). Not the language's other
    formats: English's include the US `05/06/2016`, the 6th of May, on pages that write
    dates day first (a review)."""
    return forms.DateField(
        required=required,
        label=label or None,
        help_text=help_text,
        widget=AdminDateWidget,
        input_formats=CALENDAR_AND_ISO,
    )


def _calendar_and_iso() -> list[str]:
    written = formats.get_format("DATE_INPUT_FORMATS")[0]  # as the admin's calendar writes
    return list(dict.fromkeys([written, "%Y-%m-%d"]))


CALENDAR_AND_ISO = lazy(_calendar_and_iso, list)()  # in the language of each request


def spec_field(spec: FieldSpec, not_offered: tuple[str, ...] = ()) -> forms.Field:
    """The form field for one of an event type's own fields, in the reader's words; a choice
    its type always refuses is not offered."""
    label, required, help_text = field_label(spec.name), spec.required, described(spec.help)
    match spec.kind:
        case "text" | "url":
            # Each box takes the direction of what is typed in it; an address reads left to
            # right (checked by the domain, as every field).
            widget: forms.Widget
            if spec.kind == "url":
                widget = URL_INPUT
            elif spec.max_length > SHORT_TEXT_MAX:
                widget = forms.Textarea(attrs={"rows": 3, **TYPED})
            else:
                widget = forms.TextInput(attrs=TYPED)
            return forms.CharField(
                label=label,
                required=required,
                max_length=spec.max_length,
                widget=widget,
                help_text=help_text,
            )
        case "slug":
            return forms.SlugField(
                label=label, required=required, max_length=spec.max_length, help_text=help_text
            )
        case "date":
            return date_field(required=required, label=label, help_text=help_text)
        case "choice":
            choices = [(c, choice_label(c)) for c in spec.choices if c not in not_offered]
            if not required:
                choices = [("", "---------"), *choices]
            return forms.ChoiceField(
                label=label, required=required, choices=choices, help_text=help_text
            )
        case "actor":
            return actor_field(required=required, label=label, help_text=help_text)
        case "actors":
            # An empty list is a valid answer ("no parties yet", "no signatory reported").
            return actor_field(required=False, multiple=True, label=label, help_text=help_text)
        case "sequence":
            return forms.IntegerField(label=label, required=required, min_value=1)
        case "count":
            return forms.IntegerField(label=label, required=required, min_value=0)
        case "share":
            return forms.FloatField(
                label=label, required=required, min_value=0, max_value=100, help_text=help_text
            )
        case "third_parties":
            return ThirdPartiesField(
                label=label,
                required=required,
                max_length=2000,
                help_text=_("Actor slug and role, separated by ';': cuba:guarantor; norway:host"),
            )
    raise ValueError(f"No form field for a '{spec.kind}' field.")


class ThirdPartiesField(forms.CharField):
    """Third parties as text, `cuba:guarantor; norway:host`: a correction's form shows the
    event's own list so (it showed a Python list, which it then refused)."""

    def prepare_value(self, value):
        return third_parties_as_text(value)

    def clean(self, value):
        # As a list, so that a correction compares it with the event's own list.
        return third_parties_from_text(super().clean(value)) or ""


class CauseForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "---------"), *((c, choice_label(c)) for c in CAUSE_CATEGORIES)],
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, **TYPED}),
    )
    stated_by = actor_field(required=True, label=_("Stated by"))
    source_url = forms.URLField(
        label=_("Source URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        widget=URL_INPUT,
    )
    source_outlet = forms.CharField(
        label=_("Outlet"), required=False, max_length=200, widget=TYPED_LINE
    )
    source_title = forms.CharField(
        label=_("Title"), required=False, max_length=2000, widget=TYPED_LINE
    )
    source_published_on = date_field(required=False, label=_("Published on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made for each form: Django's autocomplete widget takes the language it speaks when
        # it is made, and the class's own was made at import, in English (an Arabic reader's
        # outside test: "No results found" under an Arabic label).
        self.fields["stated_by"] = actor_field(required=True, label=_("Stated by"))


class SourceForm(forms.Form):
    url = forms.URLField(label=_("URL"), max_length=2000, assume_scheme="https", widget=URL_INPUT)
    outlet = forms.CharField(label=_("Outlet"), max_length=200, widget=TYPED_LINE)
    title = forms.CharField(label=_("Title"), required=False, max_length=2000, widget=TYPED_LINE)
    published_on = date_field(required=False, label=_("Published on"))


class RowsFormSet(forms.BaseFormSet):
    """Causes or sources: rows an editor adds ("Add another") and removes freely.

    No row counts as "initial": a prefilled row (a correction's current causes) that is
    emptied is dropped like a blank one, instead of failing as a required initial form.
    The page renders it with Django's own `inlines.js`, the admin's inline formsets' script.
    """

    add_text = ""
    row_label = ""

    def initial_form_count(self) -> int:
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return min(len(self.initial or ()) + self.extra, self.absolute_max)

    def inline_formset_data(self) -> str:
        """The options `inlines.js` reads from the formset's `data-inline-formset`."""
        return json.dumps(
            {
                "name": f"#{self.prefix}",
                "options": {
                    "prefix": self.prefix,
                    "addText": str(self.add_text),
                    "deleteText": str(_("Remove")),
                },
            }
        )

    @property
    def media(self) -> forms.Media:
        # The same jQuery file as the autocomplete widgets' media (one copy on the page).
        jquery = "admin/js/vendor/jquery/jquery%s.js" % ("" if settings.DEBUG else ".min")
        scripts = [
            jquery,
            "admin/js/jquery.init.js",
            "admin/js/inlines.js",
            "negotiations/new-row-focus.js",
        ]
        return self.empty_form.media + forms.Media(js=scripts)


def _rows_formset(form: type[forms.Form], extra: int, **attrs: Any) -> type[forms.BaseFormSet]:
    formset = forms.formset_factory(form, formset=RowsFormSet, extra=extra)
    for name, value in attrs.items():
        setattr(formset, name, value)
    return formset


def cause_formset(extra: int = CAUSE_FORMS) -> type[forms.BaseFormSet]:
    return _rows_formset(
        CauseForm, extra, add_text=_("Add another stated cause"), row_label=_("Stated cause")
    )


def source_formset(extra: int = SOURCE_FORMS) -> type[forms.BaseFormSet]:
    return _rows_formset(SourceForm, extra, add_text=_("Add another source"), row_label=_("Source"))


class EventForm(forms.Form):
    """Base of the generated forms: the control fields every command form carries."""

    event_type: str = ""

    class Media:
        # The date widgets' calendar needs the admin's core.js, which only the admin's own
        # change forms load.
        js = ["admin/js/core.js"]

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def own_field_names(self) -> list[str]:
        return [n for n in self.fields if n not in CONTROL_FIELDS]


def event_form_class(event_type: str, *, for_correction: bool = False) -> type[EventForm]:
    """A form class for `event_type`, generated from its spec."""
    spec = SPECS[event_type]
    attrs: dict[str, Any] = {
        "event_type": event_type,
        "occurred_on": date_field(
            required=spec.occurred_on_required,
            label=field_label("occurred_on"),
            help_text=_("The world date. With month precision the day is ignored."),
        ),
        "date_precision": forms.ChoiceField(
            label=field_label("date_precision"),
            choices=[(p, choice_label(p)) for p in DATE_PRECISIONS],
        ),
    }
    not_offered = BODIES[event_type].not_offered
    for fspec in spec.fields:
        if for_correction and fspec.name == "slug":
            continue  # a process keeps its slug (and its id, derived from it)
        attrs[fspec.name] = spec_field(fspec, not_offered.get(fspec.name, ()))
    attrs["note"] = forms.CharField(
        label=field_label("note"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3, **TYPED}),
    )
    if for_correction:
        attrs["reason"] = forms.CharField(
            label=_("Reason for the correction"),
            widget=forms.Textarea(attrs={"rows": 2, **TYPED}),
        )
    return type(f"{event_type.title().replace('_', '')}Form", (EventForm,), attrs)


class RetractionForm(EventForm):
    event_type = RETRACTION
    reason = forms.CharField(
        label=_("Reason for the retraction"), widget=forms.Textarea(attrs={"rows": 2, **TYPED})
    )


def new_control_values(version: int | None) -> dict[str, Any]:
    """Initial values of a freshly opened form: the version it was opened at, and a key that
    makes a second submission of this very form a replay, not a second event."""
    return {"expected_version": version, "idempotency_key": uuid.uuid4().hex}


# -- forms to body -------------------------------------------------------------------------
