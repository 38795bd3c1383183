"""Telling a failure before the commit from one at the commit.

A command's unit of work is one database transaction (Django's `transaction.atomic`). A
failure inside it rolls everything back: nothing was recorded. A failure raised while
leaving it, at the `COMMIT` itself, is different: the connection may have been lost after
the server committed and before its answer arrived, so the write may be stored. Only the
server saying so (an error it reports for the `COMMIT`: a deferred constraint, a
serialization failure, SQLite's busy lock) proves that it was rolled back; anything else
(the connection lost or closed, no answer) leaves the outcome unknown, and
`CommitOutcomeUnknown` says so. A retry with the same Idempotency-Key then tells which: the
receipt is stored with the events, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

# SQLSTATE classes a server reports for a COMMIT it refused (the transaction rolled back):
# 23 integrity constraint violation (deferred), 40 transaction rollback (serialization), 53
# insufficient resources (the disk full, out of memory: an operator's test answered "the
# connection was lost" of a COMMIT the server refused for a full disk).
ROLLED_BACK_SQLSTATE_CLASSES = ("23", "40", "53")


class CommitOutcomeUnknown(Exception):
    """The unit of work failed at its commit: the write may or may not be stored."""


def refused_by_the_server(error: BaseException) -> bool:
    """Whether a failure at COMMIT is the server's own refusal (nothing was committed): an
    ERROR of one of those classes. A FATAL or a PANIC is not (a full disk while the commit
    record is written PANICs with 53100, and crash recovery replays the commit)."""
    cause = error.__cause__ if error.__cause__ is not None else error
    sqlstate = getattr(cause, "sqlstate", None)  # psycopg: None when no server answered
    if sqlstate:
        diag = getattr(cause, "diag", None)
        severity = getattr(diag, "severity_nonlocalized", None) or "ERROR"
        return severity == "ERROR" and str(sqlstate)[:2] in ROLLED_BACK_SQLSTATE_CLASSES
    # SQLite answers "database is locked" before it writes anything.
    return getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


@contextmanager
def atomic_unit_of_work() -> Iterator[None]:
    """`transaction.atomic()`, raising `CommitOutcomeUnknown` for a failure while leaving it
    (the commit, or the on-commit hooks after it) that the server did not report as a
    refusal. A failure inside it is raised as it is: nothing was committed."""
    if transaction.get_connection().in_atomic_block:
        # Inside a caller's transaction leaving the block commits nothing: the caller's
        # commit does, later, and the caller answers for it.
        with transaction.atomic():
            yield
        return
    body_done = False
    try:
        with transaction.atomic():
            yield
            body_done = True
    except Exception as error:
        if body_done and not refused_by_the_server(error):
            raise CommitOutcomeUnknown(str(error)) from error
        raise
