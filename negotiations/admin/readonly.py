"""Admin pages that show records and never change them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ShownOnly:
    """A ModelAdmin mixin: no add, change or delete (read models are written by the
    projection, deliveries and attempts by their workers)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
