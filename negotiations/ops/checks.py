"""System checks: what an operator must do before the tracker is whole."""

from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder


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


# Each app's migrations squashed into one, their files gone (the last version with them: b500d7b).
SQUASHES = {  # app: (its package, its one migration)
    "negotiations": ("negotiations", "0001_squashed_0016_read_only_pages_in_the_reader_s_language"),
    "digests": (
        "negotiations.digests",
        "0001_squashed_0005_read_only_pages_in_the_reader_s_language",
    ),
    "webhooks": ("negotiations.webhooks", "0001_squashed_0008_why_disabled_in_full"),
}
# The app's migrations 0001-0005 had been squashed once before, in the version after 8cd173d.
FIRST_SQUASH = {
    "0001_initial",
    "0002_editors_group",
    "0003_list_and_period_indexes",
    "0004_status_change_log_and_date_precision",
    "0005_process_tally",
}


def migrated_halfway(app: str, applied: set[str]) -> Error | None:
    """An error when `applied` holds some of `app`'s squashed migrations but not all of them."""
    package, squash = SQUASHES[app]
    migration = import_module(f"{package}.migrations.{squash}").Migration
    replaced = {name for _, name in migration.replaces}
    done = applied & replaced
    if not done or replaced <= applied:
        return None
    hint = "Run `python manage.py migrate` with the version at commit b500d7b (the last with them)"
    if app == "negotiations" and not FIRST_SQUASH <= applied:
        hint += ", after the one at commit 8cd173d (which has 0001-0005 as five files)"
    return Error(
        f"The {app} app's migrations were applied by an older version up to {max(done)}; "
        "this version has them squashed into one and cannot finish them.",
        hint=hint + ", then with this one.",
        id="negotiations.E001",
    )


@register()
def migrated_halfway_before_the_squash(app_configs, databases=None, **kwargs):
    """Each app's migrations are squashed and their files gone: a database that has some of
    them applied but not all can only be finished by a version that still has them. Run by
    every `check`, `runserver` and `migrate` (not only with `--database`): such a database
    otherwise serves, with columns of an older version, and `showmigrations` lists the app as
    having no migrations."""
    errors = []
    for alias, recorded in _recorded(databases):
        for error in squash_errors(recorded):
            error.msg = f"Database '{alias}': {error.msg}"
            errors.append(error)
    return errors


def _number(name: str) -> int:
    """A migration's place in its app: its number, a squash's last (`0001_squashed_0016_...`
    is 16); a name without one, none (0)."""
    numbers = [int(part) for part in name.split("_") if part.isdigit()]
    return max(numbers, default=0)


def newer_migrations(recorded: Iterable[tuple[str, str]]) -> list[str]:
    """The recorded migrations ("app.name") of this tracker's apps numbered past every one
    this version has: the database was migrated by a newer version, whose columns and
    refusals this one lacks (`restore`'s refusal, and `newer_version_s_database`'s
    negotiations.W005). By number, not by name: names an older version recorded and later
    renamed or squashed (b500d7b's `0001_squashed_0005_process_tally`, an early
    `0004_process_tally`) are an older version's (an operator's outside test, then a review)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    last: dict[str, int] = {}
    for app, name in loader.disk_migrations:
        last[app] = max(last.get(app, 0), _number(name))
    return sorted(
        f"{app}.{name}"
        for app, name in recorded
        if app in SQUASHES and _number(name) > last.get(app, 0)
    )


@register()
def newer_version_s_database(app_configs, databases=None, **kwargs):
    """A database a newer version migrated (a rollback after a failed upgrade, or its dump
    restored here) serves with columns and rules this version does not know: said by every
    `check`, `migrate` and start, on either database (SQLite's `restore` refuses such a
    backup; PostgreSQL's `pg_restore` took one without a word: an operator's outside test)."""
    errors = []
    for alias, recorded in _recorded(databases):
        newer = newer_migrations(recorded)
        if newer:
            errors.append(
                Warning(
                    f"Database '{alias}' was migrated by a newer version of the tracker (its "
                    f"migrations {', '.join(newer)} are not this version's).",
                    hint="Serve it with that version, or restore a backup taken before it.",
                    id="negotiations.W005",
                )
            )
    return errors


def _recorded(databases: Iterable[str] | None) -> Iterator[tuple[str, set[tuple[str, str]]]]:
    """Each database's alias with the migrations (app, name) it records, those that have the
    table and answer (no database to ask yet: the database checks and `migrate` say why)."""
    for alias in databases or connections:
        try:
            recorder = MigrationRecorder(connections[alias])
            if recorder.has_table():
                yield alias, set(recorder.applied_migrations())
        except DatabaseError:
            continue


def squash_errors(recorded: Iterable[tuple[str, str]]) -> list[Error]:
    """The apps whose recorded migrations (app, name) stop halfway through a squash (this
    check's, and `restore`'s of a backup before it replaces anything)."""
    applied: dict[str, set[str]] = {}
    for app, name in recorded:
        applied.setdefault(app, set()).add(name)
    found = (migrated_halfway(app, applied.get(app, set())) for app in SQUASHES)
    return [error for error in found if error is not None]


@register()
def interrupted_rebuild(app_configs, **kwargs):
    """A rebuild of the read models that died leaves its next tables beside the serving ones
    (which it never touched); an older version's killed rebuild left indexes dropped."""
    from negotiations.read.rebuild_state import rebuild_status

    try:
        status = rebuild_status()
    except DatabaseError:
        return []  # no database to ask yet: the database checks and `migrate` say why
    if not status.degraded:
        return []
    return [
        Warning(
            f"The read models are serving but {status.describe()}.",
            hint="Run `python manage.py rebuild_projections`: it drops what a rebuild left, "
            "builds the read models again beside the serving ones and switches to them.",
            id="negotiations.W002",
        )
    ]


@register()
def read_models_of_an_older_layout(app_configs, **kwargs):
    """Read models built by a version whose projection wrote less, or otherwise, than this
    one's (or by one that did not record it) answer without what this version adds."""
    from negotiations.read.layout import layout_status

    try:
        status = layout_status()
    except DatabaseError:
        return []  # not migrated yet: `migrate` makes the table and stamps empty read models
    if not status.stale:
        return []
    return [
        Warning(
            f"The read models are serving but {status.describe()}.",
            hint="Run `python manage.py rebuild_projections`: it builds the read models again "
            "beside the serving ones, with this version's projection, and switches to them "
            "(readers and writers go on meanwhile).",
            id="negotiations.W003",
        )
    ]


@register()
def metrics_open_to_anyone(app_configs, **kwargs):
    """`/metrics` is public while reads are and no METRICS_TOKEN is set: right on a laptop;
    in production it tells anyone the machine's memory, load and write figures."""
    if settings.DEBUG or not settings.PUBLIC_READS or settings.METRICS_TOKEN:
        return []
    return [
        Warning(
            "GET /metrics answers anyone: the process's memory, CPU, open files, write counts "
            "and latencies, the digest backlog (METRICS_TOKEN is unset).",
            hint="Set METRICS_TOKEN; the scraper sends Authorization: Bearer <METRICS_TOKEN> "
            "(README, Production).",
            id="negotiations.W004",
        )
    ]
