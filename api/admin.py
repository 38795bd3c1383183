"""The admin's API tokens, as `tracker.tokens` keeps them: a key is shown once, on the page
that answers its "Add token", and the token list shows whose tokens there are and since when,
never a key (DRF's own admin listed every key, and made one the table kept as it was)."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from tracker import tokens

admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class IssuedOnceTokenAdmin(TokenAdmin):
    list_display = ("user", "created")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a token is added or deleted, never edited

    def save_model(self, request, obj, form, change) -> None:
        obj.issued_key = tokens.new_key()
        obj.key = tokens.digest(obj.issued_key)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token_user": obj.user,
            "key": obj.issued_key,
        }
        return TemplateResponse(request, "admin/authtoken/token_issued.html", context)
