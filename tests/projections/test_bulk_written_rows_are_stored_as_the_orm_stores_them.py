"""The projection's bulk writer (COPY on PostgreSQL, SQLite values adapted a column at a
time) stores each value exactly as the ORM does: the same text in the database for ids,
dates and record times (aware, in another zone, with and without microseconds), so that
rows of either kind compare, sort and filter alike."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db import connection

from negotiations.read.models import TimelineEntry
from negotiations.read.rowwriter import insert_rows

COLUMNS = ("position", "process_id", "sequence", "type", "occurred_on", "recorded_at")
TIMES = [
    datetime(2016, 4, 1, 9, 30, 15, 123456, tzinfo=UTC),
    datetime(2016, 4, 1, 9, 30, 15, tzinfo=UTC),  # no microseconds: none written
    datetime(2016, 4, 1, 11, 30, tzinfo=timezone(timedelta(hours=2))),
]


def stored(positions: list[int]) -> list[tuple]:
    table = connection.ops.quote_name(TimelineEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT process_id, occurred_on, recorded_at FROM {table} "  # noqa: S608 - the model's table
            f"WHERE position IN ({', '.join(['%s'] * len(positions))}) ORDER BY position",
            positions,
        )
        return [tuple(map(str, row)) for row in cursor.fetchall()]


@pytest.mark.parametrize("count", [1, 25])  # a write's INSERT / a batch's COPY or executemany
def test_bulk_rows_hold_the_text_the_orm_writes(geneva, count):
    by_orm, by_writer = [], []
    rows = []
    for i in range(count):
        at = TIMES[i % len(TIMES)]
        day = date(2016, 4, 1 + i % 28)
        by_orm.append(
            TimelineEntry.objects.create(
                position=1_000_000 + i,
                process=geneva,
                sequence=1000 + i,
                type="statement_made",
                occurred_on=day,
                recorded_at=at,
                recorded_by="analyst",
                recorded={},
            ).position
        )
        rows.append((2_000_000 + i, geneva.id, 2000 + i, "statement_made", day, at))
        by_writer.append(2_000_000 + i)
    insert_rows(
        TimelineEntry,
        COLUMNS + ("recorded_by", "recorded", "date_precision", "corrections"),
        [(*row, "analyst", "{}", "day", "[]") for row in rows],
    )

    assert stored(by_writer) == stored(by_orm)
