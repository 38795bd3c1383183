"""A full rebuild sets the plain indexes of the timeline, the periods and the change log
(and on PostgreSQL the foreign keys of those and of the participants) aside while it writes,
and leaves every one of them in place when it is done, also after a rebuild that was killed
half way."""

from django.core.management import call_command
from django.db import connection

from negotiations.read import rebuild as rebuild_module
from negotiations.read.rebuild import rows_checksum


def constraints(models, wanted) -> dict[str, set[str]]:
    """The names of each model's constraints that `wanted(constraint)` picks."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: {
                name
                for name, c in connection.introspection.get_constraints(
                    cursor, model._meta.db_table
                ).items()
                if wanted(c)
            }
            for model in models
        }


def indexes() -> dict[str, set[str]]:
    return constraints(rebuild_module.REBUILT_IN_BULK, lambda c: c["index"] and not c["unique"])


def foreign_keys() -> dict[str, set[str]]:
    return constraints(rebuild_module.CHECKED_ONCE, lambda c: c["foreign_key"])


def rebuild() -> None:
    call_command("rebuild_projections", "--no-progress", stdout=open("/dev/null", "w"))


def test_a_rebuild_leaves_the_same_indexes_and_rows(geneva):
    before, keys, checksum = indexes(), foreign_keys(), rows_checksum()
    assert all(before.values())
    assert all(keys.values())

    rebuild()

    assert indexes() == before
    assert foreign_keys() == keys
    assert rows_checksum() == checksum


def test_a_rebuild_after_one_killed_half_way_puts_the_indexes_back(geneva):
    before, keys = indexes(), foreign_keys()
    rebuild_module.set_aside()  # what a rebuild killed while writing leaves behind
    assert not any(indexes().values())
    if connection.vendor == "postgresql":
        assert not any(foreign_keys().values())

    rebuild()

    assert indexes() == before
    assert foreign_keys() == keys
