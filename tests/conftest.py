"""Every test gets an empty event store: on SQLite a table of the test database (rolled back
or dropped after the test), on PostgreSQL its worker's schema in the test database, emptied
after each test that recorded anything."""

from __future__ import annotations

import functools
import importlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from celery import current_app
from django.contrib.auth.models import User
from django.db import connections
from pytest_django.plugin import blocking_manager_key

from negotiations.write import runtime
from negotiations.write.models import Actor
from tests.factories import user
from tests.subprocess_env import ROOT
from tests.warm_manage import WarmManage
from tracker.celery import app as tracker_celery

# Clients for the HTTP API (anonymous, reader, editor, staff) and a freshly opened process.
pytest_plugins = ["tests.api_fixtures"]


# The tests that start real servers, workers, browsers and the bench take seconds to a minute
# each; the rest, milliseconds. They run first, so that with parallel workers (dev.py test)
# none of them starts last and leaves the other workers idle while it finishes.
SLOW_FOLDERS = ("integration", "reliability", "bench")
SLOW_MARKS = ("browser", "services")
# The slowest modules, slowest first (from the durations of the SQLite and PostgreSQL runs of
# 2026-12-05): they start before the other slow ones, and pytest-xdist hands the tests out one
# at a time in this order (pyproject: --maxschedchunk=1), so that the longest are never left
# to start last.
SLOWEST_FIRST = (
    "test_production_from_the_runtime_lock.py",  # a venv, gunicorn, Celery, dev.py run
    "test_fuzzed_api.py",
    "test_killed_projection.py",
    "test_webhook_worker.py",  # Celery workers
    "test_browser_axe_finds_no_serious_violation.py",  # 18 pages in Chromium
    "test_run_projections.py",
    "test_dev_run_on_another_port.py",
    "test_killed_worker_lost_broker.py",
    "test_rebuild_without_downtime.py",
    "test_bench_smoke.py",
    "test_concurrent_writers.py",
    "test_many_nodes.py",
    "test_move_to_postgres.py",
    "test_browser_the_board_in_arabic_reads_right_to_left.py",
    "test_pages_keep_the_content_security_policy.py",
    "test_impossible_min_position_leaves_healthz_answering.py",
    "test_a_postgresql_run_drops_its_test_database.py",
    "test_digest_worker.py",
)


def starts_servers(item: pytest.Item) -> bool:
    folder = item.path.parent.name
    return folder in SLOW_FOLDERS or any(item.get_closest_marker(m) for m in SLOW_MARKS)


def slowness_rank(item: pytest.Item) -> tuple[bool, int]:
    """Where `item` runs: the slowest modules in SLOWEST_FIRST's order, then the other slow
    tests, then the rest."""
    name = item.path.name
    rank = SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)
    return not starts_servers(item), rank


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=slowness_rank)  # stable: file order kept in each


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with every connection to it closed before it is dropped
    at the end of the run. A thread of the live server serving a keep-alive socket (a browser
    or HTTP client that never closed it) holds a connection of its own, which no close in this
    thread reaches; on PostgreSQL the drop then failed and left `test_tracker_<pid>` behind."""
    yield
    settings_dict = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        SQLITE_TEST_DATABASES.append(settings_dict["NAME"])
    with django_db_blocker.unblock():
        close_every_connection()


# The SQLite test databases of this process, whose files beside them pytest-django's drop
# leaves: the write-ahead log and its index (4 MB of one worker's, after a run) and the
# rebuild's lock file (negotiations/read/rebuild_state.py).
SQLITE_TEST_DATABASES: list[str] = []
BESIDE_A_SQLITE_DATABASE = ("-wal", "-shm", "-journal", ".rebuild-lock")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Once the test database is dropped, the files it left beside it."""
    for name in SQLITE_TEST_DATABASES:
        for suffix in BESIDE_A_SQLITE_DATABASE:
            Path(name + suffix).unlink(missing_ok=True)


def close_every_connection() -> None:
    """Close this thread's connections and, on PostgreSQL, end every other session on the test
    database: its name is this run's own (`test_..._<pid>`), so they are this run's."""
    connections.close_all()
    for connection in connections.all():
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()


# The migrations' own data (the Editors group and its permission, the process tally), which a
# transactional test's flush empties with every table: Django's runner keeps such tests after
# the others, but here the slow ones, mostly transactional, run first, so a fast test after
# one on the same worker found no Editors group. Put back by the migration's own functions.
DATA_MIGRATION = ("negotiations", "0001_squashed_0016_read_only_pages_in_the_reader_s_language")


def flushes(item: pytest.Item) -> bool:
    """Whether `item` is a transactional test (its database is flushed after it)."""
    marker = item.get_closest_marker("django_db")
    transaction = marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    names = getattr(item, "fixturenames", ())
    return bool(transaction) or "transactional_db" in names or "live_server" in names


@functools.cache
def migration_state():
    """The historical models as of DATA_MIGRATION and its module (built once a worker)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    module = importlib.import_module(f"{DATA_MIGRATION[0]}.migrations.{DATA_MIGRATION[1]}")
    return loader.project_state(DATA_MIGRATION).apps, module


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test's flush (the last of its teardown), and unless it was the
    run's last test, the migrations' data again."""
    result = yield
    if nextitem is not None and flushes(item):
        with item.config.stash[blocking_manager_key].unblock():
            apps, module = migration_state()
            module.create_editors(apps, None)
            module.count_existing_processes(apps, None)
    return result


@pytest.fixture(autouse=True)
def the_trackers_celery_app_stays_current():
    """A test leaves the tracker's Celery app the current one: a client app a test makes
    (`Celery(...)` sets itself current unless told `set_as_current=False`) took the tasks the
    tests after it on that worker sent (`.delay`), to its broker, and their mail never came."""
    yield
    assert current_app.main == tracker_celery.main, (
        f"this test left Celery's current app {current_app.main!r}: make its own apps with "
        "set_as_current=False"
    )


@dataclass
class WorkerEventStore:
    """On PostgreSQL, this worker's event store: its schema, made by the first test that
    builds the application (the library's CREATE_TABLE) and then only emptied after each test
    (`fresh_event_store`), dropped with the worker's test database. Made and dropped for
    every test, it cost each one three connections (the library's, the creation lock's, the
    drop's) and the DDL of a schema, a table, a type and their indexes."""

    schema: str = field(default_factory=lambda: f"es_test_{uuid.uuid4().hex[:12]}")
    made: bool = False


@pytest.fixture(scope="session")
def worker_event_store() -> WorkerEventStore:
    return WorkerEventStore()


@pytest.fixture(autouse=True)
def fresh_event_store(tmp_path, settings, django_db_setup, django_db_blocker, worker_event_store):
    # django_db_setup: the test database exists before any test, even one that uses no
    # database (a parallel worker may start with one): the teardown below empties the store
    # there, and before the set-up the settings still name the tracker's own database.
    schema = worker_event_store.schema
    settings.EVENT_STORE = {
        **settings.EVENT_STORE,
        "SQLITE_PATH": str(tmp_path / "events.sqlite3"),
        "POSTGRES_SCHEMA": schema,
        "CREATE_TABLE": not worker_event_store.made,
    }
    runtime.reset_application()
    yield
    runtime.reset_application()
    if connections["default"].vendor == "postgresql":
        # Now that the test's transaction, which may hold locks on them, has ended: the
        # worker's store emptied as a new one is (its positions from 1 again: a rolled-back
        # insert still drew from the sequence), and any store a test made beside it (its
        # name plus a suffix) dropped. Asked on the test's own connection first: most tests
        # leave nothing to do, and a connection of its own cost every test a connect.
        with django_db_blocker.unblock():
            worker_event_store.made, beside = empty_event_store(schema)
        if beside:
            runtime.drop_schemas_like(f"{schema}_")
    else:
        # On SQLite the store is a table of the test database: a test that committed
        # (transactional) leaves it behind, whether this process built the application or
        # only the servers and commands the test started did (the runtime-lock test's
        # load_demo: the next test on that worker found Geneva recorded); a rolled-back
        # test has removed it already.
        with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS stored_events")


def empty_event_store(schema: str) -> tuple[bool, bool]:
    """Empty the tables of the PostgreSQL store `schema`, restarting their sequences, unless
    nothing was recorded there since (no row in them, no value drawn from a sequence: a
    rolled-back insert draws one too). Whether the store has tables, and whether another
    schema's name starts with `schema`."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, c.relname, c.relkind FROM pg_namespace n"
            " LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'S')"
            " WHERE starts_with(n.nspname, %s)",
            [schema],
        )
        found = cursor.fetchall()
        mine = [
            (f'"{schema}"."{name}"', kind) for nsp, name, kind in found if nsp == schema and name
        ]
        tables = [name for name, kind in mine if kind == "r"]
        if tables:
            used = [f"EXISTS (SELECT FROM {name})" for name in tables] + [
                f"pg_sequence_last_value('{name}'::regclass) IS NOT NULL"
                for name, kind in mine
                if kind == "S"
            ]
            cursor.execute(f"SELECT {' OR '.join(used)}")  # noqa: S608 - the store's own names
            if cursor.fetchone()[0]:
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
        return bool(tables), any(nsp != schema for nsp, _, _ in found)


@pytest.fixture
def app(db):
    """The application, wired like production: each write catches the read models up."""
    return runtime.get_application()


@pytest.fixture
def actors(db):
    from negotiations.interchange import demo
    from negotiations.write.actors import NewActor, add_missing

    # The missing ones in one statement (a get_or_create each cost 108 queries a test).
    add_missing(NewActor(slug, name, kind) for slug, name, kind in demo.ACTORS)
    return {a.slug: a for a in Actor.objects.all()}


# The suite's users: each `name`, password `name`-pass-123 (tests/factories.py, `user`).
@pytest.fixture
def editor(db) -> User:
    return user("editor", editor=True)


@pytest.fixture
def reader(db) -> User:
    return user("reader")


@pytest.fixture
def staff(db) -> User:
    return user("staff", staff=True)


@pytest.fixture
def superuser(db) -> User:
    return user("root", superuser=True)


@pytest.fixture
def geneva(app, actors):
    """The Geneva 2016 demo process (and Havana's): the events the import path records for
    the demo, copied into the test's empty store by one insert and one catch-up
    (tests/demo_copy.py; by `load_demo` itself if the store holds events already)."""
    from django.core.management import call_command

    from negotiations.read.models import Process
    from tests import demo_copy

    if demo_copy.store_is_empty(app):
        demo_copy.record(app)
    else:
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))

    return Process.objects.get(slug="intra-syrian-talks-geneva")


@pytest.fixture
def warm_manage():
    """`warm_manage(python, env)`: a WarmManage (tests/warm_manage.py) of this checkout's
    manage.py run by `python` in `env`, closed after the test with what it still runs."""
    started: list[WarmManage] = []

    def start(python: str | Path, env: dict[str, str]) -> WarmManage:
        started.append(WarmManage(python, ROOT / "manage.py", env))
        return started[-1]

    yield start
    for warm in started:
        warm.close()
