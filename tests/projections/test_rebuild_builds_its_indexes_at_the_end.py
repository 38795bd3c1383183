"""A full rebuild sets the plain indexes of the timeline, the periods and the change log
aside while it writes, and leaves every one of them in place when it is done, also after a
rebuild that was killed half way."""

from django.core.management import call_command
from django.db import connection

from negotiations.read import rebuild as rebuild_module
from negotiations.read.rebuild import rows_checksum


def indexes() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: {
                name
                for name, c in connection.introspection.get_constraints(
                    cursor, model._meta.db_table
                ).items()
                if c["index"] and not c["unique"]
            }
            for model in rebuild_module.REBUILT_IN_BULK
        }


def rebuild() -> None:
    call_command("rebuild_projections", "--no-progress", stdout=open("/dev/null", "w"))


def test_a_rebuild_leaves_the_same_indexes_and_rows(geneva):
    before, checksum = indexes(), rows_checksum()
    assert all(before.values())

    rebuild()

    assert indexes() == before
    assert rows_checksum() == checksum


def test_a_rebuild_after_one_killed_half_way_puts_the_indexes_back(geneva):
    before = indexes()
    rebuild_module.set_aside()  # what a rebuild killed while writing leaves behind
    assert not any(indexes().values())

    rebuild()

    assert indexes() == before
