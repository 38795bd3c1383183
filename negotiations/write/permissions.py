"""Who may do what, one definition for every entry point (API, admin, board, webhooks)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

RECORD_PERMISSION = "negotiations.record_event"  # given to the Editors group


def may_record(user: Any) -> bool:
    """Record events, amend them, manage actors and webhooks."""
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(RECORD_PERMISSION)
    )


def recorders() -> QuerySet:
    """The users `may_record` says yes to, as a query: active, and a superuser or given the
    permission (by their groups, or to them alone)."""
    app_label, codename = RECORD_PERMISSION.split(".")
    given = Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    by_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return get_user_model().objects.filter(Q(is_superuser=True) | given | by_group, is_active=True)


def may_read(user: Any) -> bool:
    """Read the record: anyone while PUBLIC_READS is on, otherwise a signed-in user."""
    return bool(settings.PUBLIC_READS or (user and user.is_authenticated))


def may_use_admin(user: Any) -> bool:
    """Open the admin at all (Django's own rule: active staff)."""
    return bool(user and user.is_active and user.is_staff)
