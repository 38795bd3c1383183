"""Read models built by an older version's projection are reported until a rebuild (an
operator's report: a database made at 0ae0a51, migrations 0006, then `migrate`d by a newer
version answered timelines without `scheduled_for_precision` and
`expected_resumption_precision` while `check` said nothing and `/healthz` "ok"). The layout the
read models were built with is stored (negotiations/read/layout.py); `check` warns
(`negotiations.W003`) and `/healthz` says they need a rebuild when it is older than this
version's, or unknown, and the read models hold events."""

import io

import pytest
from django.core.management import call_command

from negotiations.read.consistency import projected_position
from negotiations.read.rebuild_state import leftover_tables


def check_output() -> str:
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    return out.getvalue()


def rebuild() -> None:
    call_command("rebuild_projections", "--no-progress", stdout=io.StringIO())


def assert_reported(client, *words: str) -> None:
    report = check_output()
    assert "negotiations.W003" in report, report
    assert "rebuild_projections" in report
    for word in words:
        assert word in report, report
    health = client.get("/healthz")
    assert health.status_code == 200  # degraded: the node still serves whole read models
    body = health.json()
    assert body["status"] == "degraded", body
    assert "need a rebuild (manage.py rebuild_projections)" in body["read_models"], body
    for word in words:
        assert word in body["read_models"], body


def assert_clean(client) -> None:
    assert "negotiations.W003" not in check_output()
    body = client.get("/healthz").json()
    assert (body["status"], body["read_models"]) == ("ok", "ok"), body


@pytest.mark.django_db(transaction=True)
def test_read_models_built_before_an_upgrade_need_a_rebuild_until_one_is_run(geneva, client):
    from negotiations.read.models import ReadModelsLayout

    assert projected_position() > 0
    if leftover_tables():  # another test's interrupted rebuild, in this worker's database
        rebuild()
    assert_clean(client)
    # The database as a version before the layout was recorded left it (the migration that
    # made the table, now in the squash, made it empty), then one `migrate` with this version.
    ReadModelsLayout.objects.all().delete()
    call_command("migrate", verbosity=0)

    assert_reported(client, "before their layout was recorded")

    rebuild()
    assert_clean(client)


def test_read_models_of_an_older_layout_need_a_rebuild(geneva, client):
    from negotiations.read.layout import LAYOUT
    from negotiations.read.models import ReadModelsLayout

    assert_clean(client)
    ReadModelsLayout.objects.filter(pk=1).update(version=LAYOUT - 1)

    assert_reported(client, f"layout {LAYOUT - 1}", f"layout {LAYOUT}")

    rebuild()
    assert ReadModelsLayout.objects.get(pk=1).version == LAYOUT
    assert_clean(client)


def test_empty_read_models_are_of_this_layout_and_migrate_records_it(db, client):
    from negotiations.read.layout import LAYOUT
    from negotiations.read.models import ReadModelsLayout

    ReadModelsLayout.objects.all().delete()
    assert projected_position() == 0
    assert_clean(client)  # nothing in them can be stale
    call_command("migrate", verbosity=0)  # a fresh install's
    assert ReadModelsLayout.objects.get(pk=1).version == LAYOUT


def test_migrate_leaves_the_layout_of_read_models_that_hold_events(geneva, client):
    from negotiations.read.models import ReadModelsLayout

    ReadModelsLayout.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert not ReadModelsLayout.objects.exists()  # built by whom, nobody knows
    assert_reported(client, "before their layout was recorded")
