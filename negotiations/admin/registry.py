"""The analysts' data-entry desk.

Read models are read-only here: every write goes through a command on the application
(`negotiations.admin.views`), and the projection updates what these pages show. Any active
staff member may browse; recording needs the `negotiations.record_event` permission (the
"Editors" group).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from negotiations.admin import amend, record
from negotiations.admin import views as admin_views
from negotiations.admin.changelists import LookupsChecked
from negotiations.admin.forms import _ActorRef
from negotiations.admin.readonly import ShownOnly
from negotiations.admin.views import BADGE_CSS, can_browse, can_record, status_badge
from negotiations.domain.registry import EVENT_LABELS
from negotiations.presentation import labels
from negotiations.presentation.refusals import say_again
from negotiations.read import selectors
from negotiations.read.models import Participant, Process, StatusPeriod, TimelineEntry
from negotiations.write import actors
from negotiations.write.models import Actor


class ReadOnlyAdmin(LookupsChecked, ShownOnly, admin.ModelAdmin):
    """Read models are written by the projection only: the admin shows them, nothing more."""

    def has_view_permission(self, request, obj=None):
        return can_browse(request)

    def has_module_permission(self, request):
        return can_browse(request)


class _ActorRoleFilter(admin.SimpleListFilter):
    role = ""

    def lookups(self, request, model_admin):
        slugs = (
            Participant.objects.filter(role=self.role)
            .values_list("actor_slug", flat=True)
            .distinct()
        )
        names = dict(Actor.objects.filter(slug__in=slugs).values_list("slug", "name"))
        return sorted(((s, names.get(s, s)) for s in set(slugs)), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                participants__role=self.role, participants__actor_slug=self.value()
            ).distinct()
        return queryset


class MediatorFilter(_ActorRoleFilter):
    title, parameter_name, role = _("mediator"), "mediator", "mediator"


class PartyFilter(_ActorRoleFilter):
    title, parameter_name, role = _("party"), "party", "party"


class OverdueFilter(admin.SimpleListFilter):
    title, parameter_name = _("overdue"), "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue pauses")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(selectors.overdue_filter())
        if self.value() == "no":
            return queryset.exclude(selectors.overdue_filter())
        return queryset


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "status_badge",
        "status_since",
        "overdue",
        "mediator_list",
        "last_event_on",
    )
    list_filter = ("status", MediatorFilter, PartyFilter, OverdueFilter)
    search_fields = ("name", "conflict")

    class Media:
        css = {"all": [BADGE_CSS]}

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj: Process) -> str:
        return status_badge(obj.status)

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj: Process) -> bool:
        return selectors.is_overdue(obj)

    @admin.display(description=_("mediators"))
    def mediator_list(self, obj: Process) -> str:
        return ", ".join(obj.mediators)

    def get_list_display(self, request):
        # Mediators by name: the actor registry is read once per page, not once per row.
        names = dict(Actor.objects.values_list("slug", "name"))

        @admin.display(description=_("mediators"))
        def mediators(obj: Process) -> str:
            return ", ".join(names.get(slug, slug) for slug in obj.mediators)

        return [mediators if f == "mediator_list" else f for f in self.list_display]

    def get_queryset(self, request) -> QuerySet[Process]:
        return selectors.processes()

    def has_add_permission(self, request):
        # "Add" opens a process: the `open_process` command, not a row insert.
        return can_record(request)

    def add_view(self, request, form_url="", extra_context=None):
        return record.open_process(self, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin_views.process_page(self, request, object_id)

    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            ("<uuid:process_id>/record/", admin_views.choose_event_type, "record"),
            ("<uuid:process_id>/record/<slug:event_type>/", record.record_event, "record_event"),
            ("<uuid:process_id>/events/<int:sequence>/correct/", amend.correct_event, "correct"),
            ("<uuid:process_id>/events/<int:sequence>/retract/", amend.retract_event, "retract"),
        ]
        return [
            *(
                path(route, view(self._wrap(fn)), name=f"negotiations_process_{name}")
                for route, fn, name in own
            ),
            *super().get_urls(),
        ]

    def _wrap(self, view):
        def wrapped(request, **kwargs):
            return view(self, request, **kwargs)

        return wrapped


class _EventTypeFilter(admin.SimpleListFilter):
    """The events' types by their names in the reader's language (the stored codes were
    shown)."""

    title = _("event type")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return [(t, labels.event_label(t)) for t in EVENT_LABELS]

    def queryset(self, request, queryset):
        return queryset.filter(type=self.value()) if self.value() else queryset


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "process",
        "sequence",
        "type_shown",
        "occurred_on",
        "recorded_at",
        "recorded_by",
    )
    list_filter = (_EventTypeFilter,)
    # The page of one entry: its type in words, not as stored.
    fields = (
        "process",
        "sequence",
        "type_shown",
        "occurred_on",
        "date_precision",
        "recorded_at",
        "recorded_by",
        "position",
        "recorded",
        "current",
        "corrections",
        "retraction",
    )
    readonly_fields = ("type_shown",)

    @admin.display(description=_("event type"), ordering="type")
    def type_shown(self, row: TimelineEntry) -> str:
        return labels.event_label(row.type)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(ReadOnlyAdmin):
    list_display = ("process", "status", "starts_on", "ends_on", "from_status_shown")

    @admin.display(description=_("previous status"), ordering="from_status")
    def from_status_shown(self, row: StatusPeriod) -> str:
        return labels.status_label(row.from_status) if row.from_status else "–"


class ActorAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete over actors, answering with slugs (event bodies name actors
    by slug). Searches with ActorAdmin's search_fields, like any admin autocomplete."""

    def process_request(self, request):
        model_admin = (self.admin_site or admin.site).get_model_admin(Actor)
        if not model_admin.get_search_fields(request):  # pragma: no cover - configured below
            raise AssertionError("ActorAdmin needs search_fields")
        return request.GET.get("term", ""), model_admin, _ActorRef, "slug"


class ActorForm(forms.ModelForm):
    """The slug may be left blank: it is then derived from the name, by the registry's rule."""

    class Meta:
        model = Actor
        fields = ["name", "slug", "kind", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave blank to derive it from the name.")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if "name" in data:
            try:
                actors.refuse_bad_text(data["name"], data.get("description", ""))
            except actors.ActorRefused as refused:
                self.add_error(refused.field, say_again(refused.message))
        if self.instance.pk is None and "name" in data:
            try:
                data["slug"] = actors.slug_for(data["name"], data.get("slug"))
            except actors.ActorRefused as refused:
                self.add_error(refused.field, say_again(refused.message))
        return data


@admin.register(Actor)
class ActorAdmin(LookupsChecked, admin.ModelAdmin):
    form = ActorForm
    list_display = ("name", "slug", "kind")
    search_fields = ("name", "slug")
    list_filter = ("kind",)

    def get_search_results(self, request, queryset, search_term):
        """The registry's search (`selectors.actors_matching`): case and accents ignored in
        every script, the closest match first. An analyst's outside test typed "TPLF" as a
        party and took the first answer, alphabetical: a person "(TPLF)" before the Tigray
        People's Liberation Front, slug `tplf`; another found "Erdoğan" but not "ERDOĞAN"
        (Django's search on SQLite ignores the case of ASCII letters only). (The list's own
        ordering still applies on the actors' page.)"""
        if not search_term.strip():
            return queryset, False
        slugs = selectors.actors_matching(search_term)
        rank = Case(
            *(When(slug=slug, then=Value(i)) for i, slug in enumerate(slugs)),
            default=Value(len(slugs)),
            output_field=IntegerField(),
        )
        return queryset.filter(slug__in=slugs).annotate(closest=rank).order_by("closest"), False

    def get_readonly_fields(self, request, obj=None):
        return ("slug",) if obj is not None else ()  # events name actors by slug

    def has_delete_permission(self, request, obj=None):
        """Never, not even a superuser: events name actors by slug for good, so a deleted
        actor's slug, added again for someone else, would re-point every event naming it."""
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A slug another editor took between the form's check and its save (a review: a
        500) is said, and the form is shown again; nothing was added."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except actors.ActorRefused as refused:
            messages.error(request, say_again(refused.message))
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        """Through the one writer of the registry, like the API and the imports."""
        data = form.cleaned_data
        if change:
            actors.change_actor(
                obj, name=data["name"], kind=data["kind"], description=data["description"]
            )
        else:
            form.instance = actors.add_actor(
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
                slug=data.get("slug"),
            )

    # Actors are reference data: staff may look them up, editors may add and fix them.
    def has_view_permission(self, request, obj=None):
        return can_browse(request)

    def has_module_permission(self, request):
        return can_browse(request)

    def has_add_permission(self, request):
        return can_record(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_record(request) or super().has_change_permission(request, obj)

    def get_urls(self):
        return [
            path(
                "slug-autocomplete/",
                self.admin_site.admin_view(
                    ActorAutocompleteView.as_view(admin_site=self.admin_site)
                ),
                name="negotiations_actor_slug_autocomplete",
            ),
            *super().get_urls(),
        ]
