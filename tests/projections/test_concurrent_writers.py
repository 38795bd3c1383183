"""Several threads write to one process: nothing lost, nothing doubled, conflicts refused."""

import threading

import pytest

from negotiations.domain.errors import VersionConflict
from negotiations.read.models import Process, TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import body_for

pytestmark = pytest.mark.django_db(transaction=True)


def run_threads(n, target):
    errors = []

    def wrapped(i):
        try:
            target(i)
        except Exception as e:  # collected and asserted below
            errors.append(e)
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


def test_concurrent_statements_all_land_in_order(app, actors):
    opened = app.open_process(
        {"name": "Talks", "conflict": "X", "mediators": [], "occurred_on": "2016-01-25"},
        recorded_by="a",
    )

    def write(i):
        for j in range(5):
            app.make_statement(
                opened.process_id,
                recorded_by=f"w{i}",
                **body_for("statement_made", summary=f"{i}-{j}"),
            )

    assert run_threads(4, write) == []
    process = Process.objects.get(id=opened.process_id)
    assert process.version == 21
    assert list(
        TimelineEntry.objects.filter(process=process).values_list("sequence", flat=True)
    ) == list(range(1, 22))


def test_with_expected_version_the_losers_get_a_version_conflict(app, actors):
    opened = app.open_process(
        {"name": "Talks", "conflict": "X", "mediators": [], "occurred_on": "2016-01-25"},
        recorded_by="a",
    )
    barrier, outcomes = threading.Barrier(4), []

    def write(i):
        barrier.wait(timeout=10)
        try:
            app.make_statement(
                opened.process_id,
                recorded_by=f"w{i}",
                expected_version=1,
                **body_for("statement_made", summary=str(i)),
            )
            outcomes.append("ok")
        except VersionConflict as e:
            outcomes.append(("conflict", e.current_version))

    assert run_threads(4, write) == []
    assert outcomes.count("ok") == 1
    assert sorted(o for o in outcomes if o != "ok") == [("conflict", 2)] * 3
    assert Process.objects.get(id=opened.process_id).version == 2
    incremental = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == incremental
