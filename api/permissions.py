from django.utils.translation import gettext_lazy
from rest_framework.permissions import SAFE_METHODS, BasePermission

from negotiations.write.permissions import may_read, may_record


class ReadPublicWriteRecorders(BasePermission):
    """Reads are public unless PUBLIC_READS is off; writes need the recording permission."""

    message = gettext_lazy("You need the permission to record events (the Editors group).")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return may_read(request.user)
        return may_record(request.user)
