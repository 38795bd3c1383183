"""Who may do what, one definition for every entry point (API, admin, board, webhooks)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

RECORD_PERMISSION = "negotiations.record_event"  # given to the Editors group


def may_record(user: Any) -> bool:
    """Record events, amend them, manage actors and webhooks."""
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(RECORD_PERMISSION)
    )


def may_read(user: Any) -> bool:
    """Read the record: anyone while PUBLIC_READS is on, otherwise a signed-in user."""
    return bool(settings.PUBLIC_READS or (user and user.is_authenticated))


def may_use_admin(user: Any) -> bool:
    """Open the admin at all (Django's own rule: active staff)."""
    return bool(user and user.is_active and user.is_staff)
