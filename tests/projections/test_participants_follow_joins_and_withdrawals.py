"""Who takes part, one row each: a withdrawn party stays, marked withdrawn; a mediator who
steps down leaves; a rebuild in batches of any size writes the same rows."""

import pytest

from negotiations.read.models import Participant
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import wipe_read_models
from tests.factories import body_for, opening


def participants(process_id):
    return sorted(
        Participant.objects.filter(process_id=process_id).values_list(
            "actor_slug", "role", "participation"
        )
    )


@pytest.mark.parametrize("batch_size", [1, 2, 500])
def test_participants_after_a_withdrawal_a_join_and_a_step_down(app, actors, batch_size):
    pid = app.open_process(opening(), recorded_by="a").process_id
    app.withdraw_party(pid, recorded_by="a", **body_for("party_withdrew", "2016-02-01"))
    app.join_party(pid, recorded_by="a", **body_for("party_joined", "2016-02-02"))
    app.appoint_mediator(pid, recorded_by="a", **body_for("mediator_appointed", "2016-02-03"))
    app.step_down_mediator(pid, recorded_by="a", actor="united-nations", occurred_on="2016-02-04")
    expected = [
        ("hnc", "party", "withdrawn"),
        ("staffan-de-mistura", "mediator", "active"),
        ("syrian-government", "party", "active"),
        ("turkey", "party", "active"),
    ]
    assert participants(pid) == expected

    wipe_read_models()
    catch_up(app, batch_size=batch_size)

    assert participants(pid) == expected
