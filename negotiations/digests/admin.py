"""Subscriptions are managed here; deliveries are shown read-only (the send tasks write them).

A subscription's page links to a preview of its digest for any period, and the list has a
"send now" action that goes through the same task as the schedule.
"""

from __future__ import annotations

from datetime import date

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from negotiations.admin.changelists import LookupsChecked
from negotiations.admin.readonly import ShownOnly

from . import planning, services, tasks
from .compose import compose_digest, period_label, render_digest
from .models import Delivery, FollowedProcess, Subscription


class FollowedProcessInline(admin.TabularInline):
    model = FollowedProcess
    extra = 1
    verbose_name = gettext_lazy("followed process")
    verbose_name_plural = gettext_lazy("followed processes (none: every process)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "process":
            from negotiations.read.models import Process

            kwargs["queryset"] = Process.objects.order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PreviewForm(forms.Form):
    # The date picker's own format alone: English's other formats read 01/12/2026 as 12
    # January (an outside test), as the record form refuses them too.
    start = forms.DateField(
        input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        if data.get("end") and data["end"] >= services.now().date():  # today: not ended
            # A digest tells days that have passed, as known at the period's end (a period
            # ending near 9999-12-31 answered 500).
            raise forms.ValidationError(
                _("The period has not ended yet: a digest tells days that have passed.")
            )
        return data


@admin.register(Subscription)
class SubscriptionAdmin(LookupsChecked, admin.ModelAdmin):
    list_display = [
        *("email", "name", "frequency", "language", "active", "send_when_empty", "following")
    ]
    list_filter = ["frequency", "active"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "frequency", "language", "active", "send_when_empty", "preview_link"]
    readonly_fields = ["preview_link"]
    inlines = [FollowedProcessInline]
    actions = ["send_now"]

    @admin.display(description=gettext_lazy("following"))
    def following(self, obj: Subscription) -> str:
        count = obj.followed.count()
        if not count:
            return _("all processes")
        return ngettext("%(count)s process", "%(count)s processes", count) % {"count": count}

    @admin.display(description=gettext_lazy("preview"))
    def preview_link(self, obj: Subscription) -> str:
        if not obj.pk:
            return _("Save the subscription to preview its digest.")
        url = reverse("admin:digests_subscription_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview the digest for a period"))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="digests_subscription_preview"),
            *super().get_urls(),
        ]

    # The preview shows the email as sent, whose HTML carries its own <style> (mail clients
    # need it inline), in a sandboxed frame that inherits this page's policy.
    @method_decorator(csp_replace({"style-src": [SELF, UNSAFE_INLINE]}))
    def preview_view(self, request, pk: int):
        subscription = get_object_or_404(Subscription, pk=pk)
        if not self.has_view_permission(request, subscription):
            raise PermissionDenied
        start, end = planning.latest_period(subscription.frequency, services.now().date())
        form = PreviewForm(request.GET or {"start": start, "end": end})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Digest preview: %(subscription)s") % {"subscription": subscription},
            "subscription": subscription,
            "opts": self.model._meta,
            "form": form,
        }
        if form.is_valid():
            with translation.override(subscription.language):  # as the subscriber reads it
                digest = compose_digest(
                    subscription, form.cleaned_data["start"], form.cleaned_data["end"]
                )
                subject, text, html = render_digest(
                    digest, unsubscribe_url=services.unsubscribe_url(subscription, request)
                )
            context.update(digest=digest, subject=subject, text=text, html=html)
        return TemplateResponse(request, "digests/admin_preview.html", context)

    @admin.action(description=gettext_lazy("Send the digest of the last complete period now"))
    def send_now(self, request, queryset):
        today: date = services.now().date()
        for subscription in queryset:
            start, end = planning.latest_period(subscription.frequency, today)
            delivery = planning.delivery_get_or_create(
                subscription=subscription, start=start, end=end
            )
            before = delivery.status
            tasks.send_digest.delay(delivery.pk)
            delivery.refresh_from_db()
            note = (
                " " + _("(already done: a delivery goes out once per period)")
                if before != "pending"
                else ""
            )
            said = _("The digest of %(period)s for %(email)s: %(status)s") % {
                "email": subscription.email,
                "period": period_label(start, end),  # as the digest itself says it
                "status": delivery.get_status_display(),
            }
            self.message_user(request, said + note, messages.INFO)


@admin.register(Delivery)
class DeliveryAdmin(LookupsChecked, ShownOnly, admin.ModelAdmin):
    list_display = [
        "subscription",
        "period_start",
        "period_end",
        "status",
        "attempts",
        "changes",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "period_end"]
    search_fields = ["subscription__email", "message_id"]
    date_hierarchy = "period_end"
