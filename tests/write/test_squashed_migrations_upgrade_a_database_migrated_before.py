"""Each app's migrations are squashed into one and their files are gone. A database migrated
by an older version has them all recorded: it must count the squash as applied and have
nothing left to run. One that has only some of them recorded cannot be finished by this
version: a system check stops `migrate` and says which older version to migrate with first. A
fresh database gets the squash's data too: the Editors group with its permission, and the
tally."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from negotiations.ops.checks import SQUASHES
from negotiations.read.models import Tally


def replaced(app: str) -> list[str]:
    package, squash = SQUASHES[app]
    return [name for _, name in import_module(f"{package}.migrations.{squash}").Migration.replaces]


def recorded_as_by_an_older_version(app: str, names: list[str]) -> MigrationExecutor:
    MigrationRecorder.Migration.objects.filter(app=app).delete()
    for name in names:
        MigrationRecorder.Migration.objects.create(app=app, name=name)
    return MigrationExecutor(connection)


def squash_errors() -> list:
    return [e for e in run_checks(databases=["default"]) if e.id == "negotiations.E001"]


def test_each_squash_replaces_what_the_last_version_with_the_files_had():
    assert len(replaced("negotiations")) == 16
    assert replaced("negotiations")[-1] == "0016_read_only_pages_in_the_reader_s_language"
    assert replaced("digests")[-1] == "0005_read_only_pages_in_the_reader_s_language"
    assert replaced("webhooks")[-1] == "0008_why_disabled_in_full"


@pytest.mark.django_db
@pytest.mark.parametrize("app", sorted(SQUASHES))
def test_a_database_with_all_of_them_recorded_counts_the_squash_as_applied(app):
    executor = recorded_as_by_an_older_version(app, replaced(app))

    assert (app, SQUASHES[app][1]) in executor.loader.applied_migrations
    # Nothing of the squash left to run: only what came after it (0017_actor_changed_at).
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    squashed = {*replaced(app), SQUASHES[app][1]}
    assert not [m.name for m, _ in plan if m.app_label == app and m.name in squashed]
    assert all(m.name > replaced(app)[-1] for m, _ in plan if m.app_label == app)
    executor.loader.check_consistent_history(connection)  # the apps' squashes depend on each other
    assert not squash_errors()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app", "recorded", "stopped_at", "versions"),
    [
        ("negotiations", 10, "0010_agreements", ["b500d7b"]),  # its first five are there
        ("negotiations", 3, "0003_list_and_period_indexes", ["8cd173d", "b500d7b"]),
        ("webhooks", 4, "0004_agreement_kind", ["b500d7b"]),
        ("digests", 1, "0001_initial", ["b500d7b"]),
    ],
)
def test_a_database_migrated_halfway_is_told_which_versions_to_migrate_with_first(
    app, recorded, stopped_at, versions
):
    recorded_as_by_an_older_version(app, replaced(app)[:recorded])

    [error] = squash_errors()
    assert f"The {app} app's" in error.msg
    assert stopped_at in error.msg
    assert [commit for commit in ("8cd173d", "b500d7b") if commit in error.hint] == versions
    with pytest.raises(SystemCheckError):
        call_command("migrate", plan=True, skip_checks=False)  # checks first, as migrate does


@pytest.mark.django_db
def test_a_plain_check_says_it_too():
    """Not only `migrate` and `check --database`: `check` and `runserver` (whose checks are
    these), where such a database otherwise served with columns of an older version."""
    recorded_as_by_an_older_version("negotiations", replaced("negotiations")[:10])

    assert "negotiations.E001" in [e.id for e in run_checks()]
    with pytest.raises(SystemCheckError, match="0010_agreements"):
        call_command("check")


@pytest.mark.django_db
def test_a_fresh_database_passes_the_check_and_has_the_editors_group_and_the_tally():
    assert not squash_errors()
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(
        codename="record_event", content_type__app_label="negotiations"
    ).exists()
    assert Tally.objects.get(name="processes").value == 0
