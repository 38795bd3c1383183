from django.contrib import admin

from .models import Actor, Process, StatusPeriod, TimelineEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read models are written by the projection only: the admin shows them, nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "status",
        "status_since",
        "expected_resumption_on",
        "last_event_on",
        "version",
    )
    list_filter = ("status",)
    search_fields = ("name", "conflict", "slug")


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ("process", "sequence", "type", "occurred_on", "recorded_at", "recorded_by")
    list_filter = ("type",)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(ReadOnlyAdmin):
    list_display = ("process", "status", "starts_on", "ends_on", "from_status")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind")
    search_fields = ("name", "slug")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}
