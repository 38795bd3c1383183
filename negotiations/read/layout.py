"""The read models' layout: what the projection writes for each event, as a version number.

`LAYOUT` is bumped by every change to what the projection writes for events already stored (a
new column or table the projection fills, a rule of the fold that changes stored rows): read
models built by an older version then lack it until `rebuild_projections`. A change that a
migration carries out on its own (it fills the new column for every row, as 0007 did for the
search column) needs no bump. docs/architecture.md, "Adding an event type" and "Changing what
the projection writes".

The layout the serving read models were built with is stored (`ReadModelsLayout`): by a
rebuild, in its switch's transaction, and by `migrate` while the read models are still empty
(a fresh install, or a store never projected): then whatever fills them is this version's
projection. Read models that hold events and whose layout is older, or unknown (built before
the layout was recorded: nothing says by which version), need a rebuild; `manage.py check`
(`negotiations.W003`) and `/healthz` (`read_models`, `degraded`) say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection
from django.utils import timezone

from negotiations.read.consistency import projected_position
from negotiations.read.models import ReadModelsLayout

# 1: the read models as of the precision columns, the status-change log, agreements and the
# names in six languages (migration 0012, the first layout recorded).
# 2: a name given in a language no longer moves a process's last event (`last_event_on`).
# 3: an agreement's alleged breaches carry their stated causes; its version moves with an
# amendment of its events.
# 4: a statement's `joint_with` (the timeline row of a statement stored before holds `[]`).
LAYOUT = 4


@dataclass(frozen=True)
class LayoutStatus:
    stored: int | None  # None: not recorded (read models built before it was)
    holds_events: bool  # the read models include at least one event

    @property
    def stale(self) -> bool:
        return self.holds_events and (self.stored is None or self.stored < LAYOUT)

    def describe(self) -> str:
        if not self.stale:
            return "ok"
        # The command named where an operator reads it first (an operator's outside test).
        if self.stored is None:
            return (
                "they need a rebuild (manage.py rebuild_projections): they were built before "
                "their layout was recorded, and may lack what this version's projection "
                f"writes (layout {LAYOUT})"
            )
        return (
            f"they need a rebuild (manage.py rebuild_projections): they were built with "
            f"layout {self.stored}, and this version's projection writes layout {LAYOUT}"
        )


def stored_layout() -> int | None:
    return ReadModelsLayout.objects.values_list("version", flat=True).filter(pk=1).first()


def record_layout() -> None:
    """The serving read models are of this version's layout (a rebuild's switch, in its
    transaction; `migrate` on empty read models)."""
    ReadModelsLayout.objects.update_or_create(
        pk=1, defaults={"version": LAYOUT, "recorded_at": timezone.now()}
    )


def layout_status() -> LayoutStatus:
    return LayoutStatus(stored=stored_layout(), holds_events=projected_position() > 0)


def stamp_empty_read_models(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """`post_migrate`: read models that hold nothing yet are of this version's layout."""
    if using != DEFAULT_DB_ALIAS:
        return
    table = ReadModelsLayout._meta.db_table
    try:
        if table not in connection.introspection.table_names():
            return  # migrated to before 0012 (`migrate negotiations 0011`)
        if projected_position() == 0:
            record_layout()
    except DatabaseError:
        return  # the read models' tables are not there yet: nothing to stamp
