"""A large store's rebuild loads the read models with several processes, each the processes
whose ids fall to its part (negotiations/read/parallel_load.py). The parts build what one
process builds, row for row, amendments included and wherever the batches cut the histories;
a part that fails fails the rebuild, which leaves the serving read models as they were and
its next tables reported; the number of parts comes from the setting on a large store only,
and never where other processes cannot see the database."""

import pytest
from django.db import connection, transaction

from negotiations.read import parallel_load
from negotiations.read import rebuild as rebuild_module
from negotiations.read.rebuild import leftover_tables, rebuild, rebuild_status, rows_checksum
from negotiations.write import runtime

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parts_used(monkeypatch):
    """How many parts each parallel load of the test used."""
    used: list[int] = []
    load = rebuild_module.load_in_parts

    def counted(app, parts, **options):
        used.append(parts)
        return load(app, parts, **options)

    monkeypatch.setattr(rebuild_module, "load_in_parts", counted)
    return used


@pytest.mark.parametrize(("workers", "batch_size"), [(2, 7), (3, 500)])
def test_the_parts_build_what_one_process_builds(
    geneva, parts_used, workers, batch_size, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # an operator's working folder: not the checkout
    app = runtime.get_application()
    served = rows_checksum()  # as the writes projected them, Geneva's two amendments included

    done = rebuild(app, workers=workers, batch_size=batch_size)

    assert parts_used == [workers]
    assert done.events == app.recorder.max_notification_id()
    assert rows_checksum() == served
    assert not leftover_tables()
    assert rebuild(app, workers=1, batch_size=batch_size).events == done.events
    assert parts_used == [workers]  # one process: no parts
    assert rows_checksum() == served


def test_a_failed_part_fails_the_rebuild_and_changes_no_served_row(geneva, monkeypatch):
    app = runtime.get_application()
    served = rows_checksum()
    monkeypatch.setattr(
        parallel_load, "PART_COMMAND", ("-c", "import sys; sys.exit('no part today')")
    )

    with pytest.raises(parallel_load.LoadPartFailed, match="no part today"):
        rebuild(app, workers=2)

    assert rows_checksum() == served
    assert leftover_tables()
    assert rebuild_status().degraded
    monkeypatch.setattr(parallel_load, "PART_COMMAND", ("-m", "negotiations.read.load_part"))
    rebuild(app, workers=2)
    assert rows_checksum() == served
    assert not rebuild_status().degraded


def test_how_many_parts(geneva, settings, monkeypatch):
    app = runtime.get_application()
    settings.REBUILD_WORKERS = 3
    assert parallel_load.workers_for(app, 2) == 2  # asked for
    assert parallel_load.workers_for(app, None) == 1  # 161 events: one process
    monkeypatch.setattr(parallel_load, "PARALLEL_FROM", 100)
    assert parallel_load.workers_for(app, None) == 3
    with pytest.raises(ValueError, match="at least one"):
        parallel_load.workers_for(app, 0)


def test_no_parts_where_other_processes_cannot_see_the_database(geneva, monkeypatch):
    app = runtime.get_application()
    with transaction.atomic():  # what this connection has not committed
        assert parallel_load.workers_for(app, 2) == 1
    if connection.vendor == "sqlite":
        monkeypatch.setitem(connection.settings_dict, "NAME", "file:memorydb?mode=memory")
        assert parallel_load.workers_for(app, 2) == 1
