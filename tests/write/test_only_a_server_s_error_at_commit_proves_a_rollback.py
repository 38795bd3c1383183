"""Which failures at COMMIT prove that nothing was committed (`commit.refused_by_the_server`):
an ERROR the server reports of a class that rolls back (23 a deferred constraint, 40 a
serialization failure, 53 resources: a full disk refused at a deferred trigger). A FATAL or
a PANIC of the same class does not: a full disk while the commit record is written PANICs
with 53100, and crash recovery replays the commit (a reviewer's finding)."""

from __future__ import annotations

import pytest

from negotiations.write.commit import refused_by_the_server


class ServerError(Exception):
    """What psycopg raises for an error the server reported: its SQLSTATE and severity."""

    def __init__(self, sqlstate: str, severity: str) -> None:
        super().__init__(f"{severity} {sqlstate}")
        self.sqlstate = sqlstate
        self.diag = type("Diagnostic", (), {"severity_nonlocalized": severity})()


@pytest.mark.parametrize(
    ("sqlstate", "severity", "rolled_back"),
    [
        ("23505", "ERROR", True),
        ("40001", "ERROR", True),
        ("53100", "ERROR", True),
        ("53100", "PANIC", False),
        ("53100", "FATAL", False),
        ("57P01", "FATAL", False),
        ("XX000", "ERROR", False),
    ],
)
def test_a_failure_at_commit_proves_a_rollback_only_as_an_error_of_those_classes(
    sqlstate, severity, rolled_back
):
    wrapped = RuntimeError("at COMMIT")
    wrapped.__cause__ = ServerError(sqlstate, severity)
    assert refused_by_the_server(wrapped) is rolled_back
