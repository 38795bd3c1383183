from __future__ import annotations

from typing import Any

from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models


def store_and_read_models(app) -> tuple[int, str, list]:
    """Everything a refusal must leave as it was: the store's last position and every row."""
    return (
        app.recorder.max_notification_id() or 0,
        rows_checksum(),
        list(Process.objects.values_list("slug", "version")),
    )


def rebuilt_with_another_runner_between(app, batch_size: int, **options: Any) -> tuple[int, list]:
    """Wipe the read models and catch up in batches of `batch_size` (with `options`); after
    our first batch commits, another runner (a second `run_projections`, or a write whose
    claim failed) applies the next one before we continue. How many events we applied, and
    the list of what the other runner applied."""
    wipe_read_models()
    interleaved: list[int] = []

    def another_runner_applies_the_next_batch(applied: int) -> None:
        if not interleaved:
            interleaved.append(catch_up(app, batch_size=batch_size, max_batches=1))

    total = catch_up(
        app, batch_size=batch_size, on_batch=another_runner_applies_the_next_batch, **options
    )
    return total, interleaved
