"""A rebuild reproduces the agreements read model row for row (the demo's five processes, a
correction and a retraction among their events), and so does an export imported into an
empty tracker."""

from __future__ import annotations

from django.core.management import call_command

from negotiations.read.models import Agreement, AgreementActor, Process
from negotiations.read.rebuild import wipe_read_models
from tests.factories import correct
from tests.interchange.helpers import run_import, switch_to_an_empty_event_store


def agreement_rows() -> list[tuple]:
    agreements = Agreement.objects.order_by("process__slug", "slug").values_list()
    actors = AgreementActor.objects.order_by(
        "process__slug", "agreement_slug", "actor_slug", "role"
    ).values_list("process__slug", "agreement_slug", "actor_slug", "role")
    third = Process.objects.order_by("slug").values_list("slug", "third_parties")
    # Without the row ids, which a rebuild gives anew.
    return [row[1:] for row in agreements] + list(actors) + list(third)


def test_a_rebuild_writes_the_same_agreement_rows(app, geneva):
    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    took = next(
        e.sequence for e in app.get_process(havana.pk).entries if e.type == "agreement_took_effect"
    )
    correct(
        app, havana.pk, took, "2016-09-01", reason="Midnight local time",
        changes={"occurred_on": "2016-08-30"},
    )  # fmt: skip
    before = agreement_rows()
    assert len(Agreement.objects.all()) == 14
    assert Agreement.objects.get(slug="bilateral-ceasefire-2016").in_force_on.isoformat() == (
        "2016-08-30"
    )

    call_command("rebuild_projections", "--no-progress", stdout=open("/dev/null", "w"))

    assert agreement_rows() == before


def test_an_export_imported_into_an_empty_tracker_gives_back_the_agreements(
    geneva, tmp_path, settings
):
    before = agreement_rows()
    path = tmp_path / "all.ndjson"
    call_command("export_events", "-o", str(path), stderr=open("/dev/null", "w"))

    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    assert not Agreement.objects.exists()
    run_import(path)

    assert agreement_rows() == before
