"""The app's migrations 0001-0005 are squashed into one and their files are gone. A database
migrated by an older version has the five recorded: it must count the squash as applied and
have nothing of it left to run (only what came after). One recorded only up to 0003 cannot
be finished by this version: a system check stops `migrate` and says to migrate with the
older version first. A fresh database gets the squash's data too: the Editors group with its
permission, and the tally."""

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from negotiations.read.models import Tally

SQUASHED = ("negotiations", "0001_squashed_0005_process_tally")
REPLACED = [
    "0001_initial",
    "0002_editors_group",
    "0003_list_and_period_indexes",
    "0004_status_change_log_and_date_precision",
    "0005_process_tally",
]


def _recorded_as_by_an_older_version(names: list[str]) -> MigrationExecutor:
    recorded = MigrationRecorder.Migration.objects.filter(app="negotiations")
    recorded.delete()
    for name in names:
        MigrationRecorder.Migration.objects.create(app="negotiations", name=name)
    return MigrationExecutor(connection)


@pytest.mark.django_db
def test_a_database_with_the_five_recorded_counts_the_squash_as_applied():
    executor = _recorded_as_by_an_older_version(REPLACED)

    assert SQUASHED in executor.loader.applied_migrations
    # Only the migrations written after the squash are left (they were never recorded here).
    left = [m for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]
    assert left
    assert all((m.app_label, m.name) != SQUASHED for m in left)
    assert all(m.name not in REPLACED and m.name > SQUASHED[1] for m in left)
    executor.loader.check_consistent_history(connection)  # digests' 0001 depends on it


@pytest.mark.django_db
def test_a_database_older_than_0005_is_told_to_migrate_with_the_older_version_first():
    _recorded_as_by_an_older_version(REPLACED[:3])

    errors = [e for e in run_checks(databases=["default"]) if e.id == "negotiations.E001"]
    assert len(errors) == 1
    assert "0003_list_and_period_indexes" in errors[0].msg
    assert "8cd173d" in errors[0].hint
    with pytest.raises(SystemCheckError):
        call_command("migrate", plan=True, skip_checks=False)  # checks first, as migrate does


@pytest.mark.django_db
def test_a_migrated_database_passes_the_check():
    assert not [e for e in run_checks(databases=["default"]) if e.id == "negotiations.E001"]
    _recorded_as_by_an_older_version(REPLACED)
    assert not [e for e in run_checks(databases=["default"]) if e.id == "negotiations.E001"]


@pytest.mark.django_db
def test_a_fresh_database_has_the_editors_group_and_the_tally():
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(
        codename="record_event", content_type__app_label="negotiations"
    ).exists()
    assert Tally.objects.get(name="processes").value == 0
