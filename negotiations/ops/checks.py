"""System checks: what an operator must do before the tracker is whole."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register


@register()
def leftover_event_store_file(app_configs, **kwargs):
    """The event store used to have a SQLite file of its own; it now lives in the database."""
    path = Path(str(settings.EVENT_STORE["SQLITE_PATH"]))
    if not path.exists():
        return []
    return [
        Warning(
            f"{path} holds an event store kept apart from the database (trackers before the "
            "one-transaction write path). Its events are not read any more.",
            hint="Run `python manage.py move_event_store` to move them into the database.",
            id="negotiations.W001",
        )
    ]
