from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

RECORD_PERMISSION = "negotiations.record_event"


class ReadPublicWriteRecorders(BasePermission):
    """Reads are public unless PUBLIC_READS is off; writes need the recording permission."""

    message = "You need the permission to record events (the Editors group)."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return settings.PUBLIC_READS or bool(request.user and request.user.is_authenticated)
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm(RECORD_PERMISSION)
        )
