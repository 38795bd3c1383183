"""A rebuild switches to tables made as `migrate` makes them: the same indexes and foreign keys
under the same names, and the same rows. A database whose indexes an older version's killed
rebuild left dropped is reported, and a rebuild puts them back."""

from django.core.management import call_command
from django.db import connection

from negotiations.read.rebuild import READ_MODELS, rebuild_status, rows_checksum


def constraints() -> dict[str, set[str]]:
    """Every read model's constraint and index names (keys, uniques, indexes, foreign keys)."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: set(
                connection.introspection.get_constraints(cursor, model._meta.db_table)
            )
            for model in READ_MODELS
        }


def rebuild() -> None:
    call_command("rebuild_projections", "--no-progress", stdout=open("/dev/null", "w"))


def test_a_rebuild_switches_to_the_same_indexes_keys_and_rows(geneva):
    before, checksum = constraints(), rows_checksum()
    assert sum(len(names) for names in before.values()) > 15

    rebuild()

    assert constraints() == before
    assert rows_checksum() == checksum
    assert not rebuild_status().degraded


def test_indexes_an_older_rebuild_dropped_are_reported_then_put_back(geneva):
    before = constraints()
    with connection.cursor() as cursor:  # what a rebuild of an older version killed left
        cursor.execute('DROP INDEX "negotiation_type_592441_idx"')
    status = rebuild_status()
    assert status.degraded
    assert status.missing == ["negotiation_type_592441_idx"]

    rebuild()

    assert constraints() == before
    assert not rebuild_status().degraded
