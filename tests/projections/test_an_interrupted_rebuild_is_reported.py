"""A rebuild that dies leaves the serving read models as they were: `manage.py check` warns
and `/healthz` says "degraded" (still 200: the node serves whole read models), naming what
it left; the next rebuild drops the leftovers, succeeds and clears the report."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from negotiations.read import rebuild as rebuild_module
from negotiations.read.rebuild import leftover_tables, rebuild_status, rows_checksum
from negotiations.write import runtime


class Died(Exception):
    """Stands for the SIGKILL (tests/reliability kills a real one)."""


def dies_after_one_batch(app, *, batch_size, on_batch=None, **kwargs):
    from negotiations.read.projections import catch_up

    catch_up(app, batch_size=batch_size, max_batches=1)
    raise Died


def check_output() -> str:
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    return out.getvalue()


def test_a_rebuild_that_dies_is_reported_until_the_next_one(geneva, client, monkeypatch):
    checksum = rows_checksum()
    assert "negotiations.W002" not in check_output()
    assert client.get("/healthz").json()["status"] == "ok"

    with monkeypatch.context() as patched:
        patched.setattr(rebuild_module, "catch_up", dies_after_one_batch)
        with pytest.raises(Died):
            rebuild_module.rebuild(runtime.get_application(), batch_size=10)

    assert rows_checksum() == checksum  # the serving tables are untouched
    assert leftover_tables()
    assert rebuild_status().interrupted
    report = check_output()
    assert "negotiations.W002" in report
    assert "a rebuild was interrupted" in report
    assert "rebuild_projections" in report
    health = client.get("/healthz")
    assert health.status_code == 200
    body = json.loads(health.content)
    assert body["status"] == "degraded"
    assert "interrupted" in body["read_models"]

    call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())

    assert rows_checksum() == checksum
    assert not leftover_tables()
    assert "negotiations.W002" not in check_output()
    body = client.get("/healthz").json()
    assert (body["status"], body["read_models"]) == ("ok", "ok")


def interrupted_after_one_batch(app, *, batch_size, on_batch=None, **kwargs):
    from negotiations.read.projections import catch_up

    catch_up(app, batch_size=batch_size, max_batches=1)
    raise KeyboardInterrupt  # Ctrl-C at the operator's terminal


def test_ctrl_c_says_the_serving_read_models_are_whole_and_what_to_run(geneva, monkeypatch):
    """An operator's Ctrl-C ended in a bare traceback; it now says what is true and what to
    do, and the command fails (a script sees it)."""
    checksum = rows_checksum()
    monkeypatch.setattr(rebuild_module, "catch_up", interrupted_after_one_batch)
    with pytest.raises(CommandError) as refused:
        call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())
    said = str(refused.value)
    assert said.startswith("Interrupted."), said
    assert "The read models being served are whole" in said
    assert "rebuild_projections" in said
    assert rows_checksum() == checksum
    # And the command it names does what it says: the leftovers go (they outlive the test's
    # transaction, and would be reported to every test after it).
    monkeypatch.undo()
    call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())
    assert not leftover_tables()
    assert rows_checksum() == checksum


def test_a_sigterm_is_said_as_ctrl_c_is(geneva, monkeypatch):
    """systemd's stop (SIGTERM) ended a rebuild without a word; while it runs, the command's
    own handler says what Ctrl-C says. The handler is called as the signal would call it (a
    real SIGTERM to the test's process would end the run if it were missing)."""
    import signal

    def terminated_after_one_batch(app, *, batch_size, **kwargs):
        from negotiations.read.projections import catch_up

        catch_up(app, batch_size=batch_size, max_batches=1)
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler), handler  # not SIG_DFL: the process would just end
        handler(signal.SIGTERM, None)

    before = signal.getsignal(signal.SIGTERM)
    checksum = rows_checksum()
    monkeypatch.setattr(rebuild_module, "catch_up", terminated_after_one_batch)
    with pytest.raises(CommandError) as refused:
        call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())
    assert str(refused.value).startswith("Interrupted.")
    assert rows_checksum() == checksum  # the serving tables are untouched
    assert signal.getsignal(signal.SIGTERM) is before  # put back after the rebuild
    monkeypatch.undo()
    call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())
    assert not leftover_tables()
