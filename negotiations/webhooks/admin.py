"""Webhooks in the admin: register an endpoint (its secret is shown once), see every
delivery attempt, redeliver from a store position, rotate a secret. An editor sees and acts
on their own endpoints and their attempts only (a superuser on all), as in the API."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from negotiations.admin.changelists import LookupsChecked
from negotiations.admin.readonly import ShownOnly
from negotiations.presentation.labels import event_label
from negotiations.write.permissions import may_record

from . import outbound, reasons, services
from .models import DELIVERY_STATE, KINDS, MAX_PROCESSES, Attempt, Endpoint

# What each kind of delivery sends, in words (README, "Webhooks"); a new kind needs its own.
KIND_WORDS = {
    "status_change": _("status changes"),
    "event": _("every event"),
    "agreement": _("agreements"),
}


def _shown(said: str, values: dict[str, str]) -> SafeString:
    """A message with each value in a left-to-right <code> of its own: a URL, a secret, a date
    keep their order in a right-to-left page, and a secret copied from it is the secret alone
    (isolating characters around it, U+2068 ... U+2069, were copied with it, and no receiver
    could verify with what an Arabic page had shown)."""
    shown = {k: format_html('<code dir="ltr">{}</code>', v) for k, v in values.items()}
    return mark_safe(conditional_escape(said) % shown)  # noqa: S308 - escaped, then markup


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    kinds = forms.MultipleChoiceField(
        label=_("kinds"),
        choices=[(kind, KIND_WORDS[kind]) for kind in KINDS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Status changes (and their corrections), agreements (signed, and their status), "
            "or every event."
        ),
    )
    processes = forms.CharField(
        label=_("processes"),
        required=False,
        help_text=format_lazy(
            _("Process slugs separated by commas (at most {max}); leave empty for every process."),
            max=MAX_PROCESSES,
        ),
    )
    # Who registers the endpoint: set by EndpointAdmin.get_form on the form class it makes
    # for an add page (None: a change, which registers nothing).
    creator = None

    class Meta:
        model = Endpoint
        fields = ["url", "kinds", "processes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["processes"] = ", ".join(self.instance.processes)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if self.instance.pk and "url" not in self.changed_data:
            return url  # as stored: a newer rule does not refuse it (a review)
        refused = outbound.registration_problem(url)
        if refused:
            raise forms.ValidationError(refused)
        return url

    def clean_processes(self) -> list[str]:
        slugs = [s.strip() for s in self.cleaned_data["processes"].split(",") if s.strip()]
        if len(slugs) > MAX_PROCESSES:
            raise forms.ValidationError(
                _("An endpoint follows at most %(max)s processes (or every process).")
                % {"max": MAX_PROCESSES}
            )
        not_found = services.unknown_processes(slugs)
        if not_found:
            raise forms.ValidationError(not_found)
        return slugs

    def clean(self):
        cleaned = super().clean()
        if self.creator is not None:
            too_many = services.endpoint_limit_problem(self.creator)
            if too_many:
                raise forms.ValidationError(too_many)
        return cleaned


class RedeliverForm(forms.Form):
    from_position = forms.IntegerField(
        label=_("from position"),
        min_value=1,
        validators=[services.redeliverable],
        help_text=_("Store position to deliver from (inclusive)."),
    )


@admin.register(Endpoint)
class EndpointAdmin(LookupsChecked, admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "kinds_shown", "active", "position", "last_success_at", "failing_since"]
    list_filter = ["active"]
    readonly_fields = [
        "active",
        "position",
        "created_by",
        "created_at",
        *(f if f != "disabled_reason" else "disabled_reason_shown" for f in DELIVERY_STATE),
        "attempts_link",
    ]
    actions = ["redeliver", "rotate_secret"]

    def get_queryset(self, request):
        # An endpoint is its creator's (a superuser's too: they see every one), as in the
        # API: lists, change, delete and the actions all start from this queryset.
        return services.owned(super().get_queryset(request), request.user, "created_by")

    @admin.display(description=_("kinds"))
    def kinds_shown(self, obj: Endpoint) -> str:
        return ", ".join(str(KIND_WORDS.get(kind, kind)) for kind in obj.kinds)

    @admin.display(description=_("why disabled"))
    def disabled_reason_shown(self, obj: Endpoint) -> str:
        return reasons.reason_shown(obj.disabled_reason)

    @admin.display(description=_("attempts"))
    def attempts_link(self, obj: Endpoint) -> str:
        url = reverse("admin:webhooks_attempt_changelist") + f"?endpoint__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Every delivery attempt"))

    def get_form(self, request, obj=None, change=False, **kwargs):
        made = super().get_form(request, obj, change, **kwargs)
        # A class of this request's own, which knows who registers (None: a change).
        return type(made.__name__, (made,), {"creator": None if obj else request.user})

    def has_change_permission(self, request, obj=None) -> bool:
        return may_record(request.user) and services.owns(request.user, obj)

    def has_add_permission(self, request) -> bool:
        return may_record(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return may_record(request.user) and services.owns(request.user, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_record(request.user) and services.owns(request.user, obj)

    def has_module_permission(self, request) -> bool:
        return may_record(request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:
            # The service counts again under the creator's lock: a registration made between
            # the form's count and the save took the last place. Nothing was saved (the
            # view's transaction rolled back); the desk is told why, on the form again.
            if getattr(refused, "code", None) != "too_many_endpoints":  # one message has one
                raise
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.endpoint_create(
            url=form.cleaned_data["url"],
            processes=form.cleaned_data["processes"],
            kinds=form.cleaned_data["kinds"],
            created_by=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()
        said = gettext(
            "The signing secret of this endpoint is %(secret)s — copy it now: it is "
            "not shown again."
        )
        messages.warning(request, _shown(said, {"secret": created.secret}))

    @admin.action(description=_("Redeliver from a store position…"))
    def redeliver(self, request, queryset):
        if "apply" in request.POST:
            form = RedeliverForm(request.POST)
            if form.is_valid():
                for endpoint in queryset:
                    services.endpoint_redeliver(
                        endpoint=endpoint, from_position=form.cleaned_data["from_position"]
                    )
                count = queryset.count()
                said = ngettext(
                    "%(count)s endpoint will receive again every matching event from "
                    "position %(position)s.",
                    "%(count)s endpoints will receive again every matching event from "
                    "position %(position)s.",
                    count,
                )
                position = form.cleaned_data["from_position"]
                self.message_user(
                    request, said % {"count": count, "position": position}, messages.SUCCESS
                )
                return None
        else:
            form = RedeliverForm()
        return TemplateResponse(
            request,
            "admin/webhooks/redeliver.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Redeliver from a position"),
                "endpoints": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Rotate the signing secret…"))
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            endpoint, secret = services.endpoint_rotate_secret(endpoint=endpoint)
            said = gettext(
                "The new signing secret of %(url)s is %(secret)s — copy it now: it is not "
                "shown again. The previous one signs too until %(until)s UTC."
            )
            values = {
                "url": endpoint.url,
                "secret": secret,
                "until": f"{endpoint.previous_secret_until:%Y-%m-%d %H:%M}",
            }
            messages.warning(request, _shown(said, values))


@admin.register(Attempt)
class AttemptAdmin(LookupsChecked, ShownOnly, admin.ModelAdmin):
    list_display = [
        "attempted_at",
        "endpoint",
        "position",
        "event_type_shown",
        "process_slug",
        "ok",
        "status_code",
        "duration_ms",
        "webhook_id",
        "error_shown",
    ]
    # The endpoint filter lists only the endpoints of the attempts one may see.
    list_filter = ["ok", ("endpoint", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["webhook_id", "process_slug"]
    list_select_related = ["endpoint"]
    # An attempt's page says its type and reason in the reader's language, as the list does.
    fields = [
        *("endpoint", "position", "webhook_id", "event_type_shown", "process_slug"),
        *("attempted_at", "duration_ms", "status_code", "ok", "error_shown"),
    ]
    readonly_fields = ["event_type_shown", "error_shown"]

    def get_queryset(self, request):
        return services.owned(super().get_queryset(request), request.user, "endpoint__created_by")

    @admin.display(description=_("event type"), ordering="event_type")
    def event_type_shown(self, obj: Attempt) -> str:
        return event_label(obj.event_type)

    @admin.display(description=_("error"))
    def error_shown(self, obj: Attempt) -> str:
        return reasons.reason_shown(obj.error)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_record(request.user) and services.owns(request.user, obj and obj.endpoint)

    def has_module_permission(self, request) -> bool:
        return may_record(request.user)
