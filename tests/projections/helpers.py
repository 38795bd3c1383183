from __future__ import annotations

from negotiations.read.models import Process
from negotiations.read.rebuild import rows_checksum


def store_and_read_models(app) -> tuple[int, str, list]:
    """Everything a refusal must leave as it was: the store's last position and every row."""
    return (
        app.recorder.max_notification_id() or 0,
        rows_checksum(),
        list(Process.objects.values_list("slug", "version")),
    )
