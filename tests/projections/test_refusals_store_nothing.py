"""Every refusal leaves the event store and the read models exactly as they were."""

import pytest

from negotiations.domain import errors
from tests.factories import body_for
from tests.projections.helpers import store_and_read_models

REFUSALS = [
    ("invalid transition", "talks_paused", {}, errors.InvalidTransition),
    ("out of world order", "talks_suspended", {"occurred_on": "2016-02-02"}, errors.OutOfOrder),
    (
        "version conflict",
        "talks_suspended",
        {"occurred_on": "2016-03-01", "_version": 2},
        errors.VersionConflict,
    ),
    (
        "suspension without cause",
        "talks_suspended",
        {"occurred_on": "2016-03-01", "causes": []},
        errors.InvalidEvent,
    ),
    (
        "correction of a missing sequence",
        "event_corrected",
        {"corrects": 42, "changes": {"note": "x"}, "reason": "r"},
        errors.InvalidEvent,
    ),
    (
        "retraction of a missing sequence",
        "event_retracted",
        {"retracts": 42, "reason": "r"},
        errors.InvalidEvent,
    ),
    ("unknown actor", "statement_made", {"actor": "nobody"}, errors.InvalidEvent),
    (
        "correction breaking the order",
        "event_corrected",
        {"corrects": 3, "changes": {"occurred_on": "2016-01-30"}, "reason": "r"},
        errors.OutOfOrder,
    ),
]


@pytest.fixture
def paused(app, actors):
    opened = app.open_process(
        {
            "name": "Test talks",
            "conflict": "Test",
            "mediators": ["united-nations"],
            "parties": ["hnc"],
            "occurred_on": "2016-01-25",
        },
        recorded_by="analyst",
    )
    app.convene_talks(opened.process_id, recorded_by="analyst", **body_for("talks_convened"))
    app.pause_talks(
        opened.process_id, recorded_by="analyst", **body_for("talks_paused", "2016-02-03")
    )
    return opened.process_id


@pytest.mark.parametrize(
    ("case", "event_type", "over", "error"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_refusal_changes_nothing(app, paused, case, event_type, over, error):
    over = dict(over)
    expected_version = over.pop("_version", None)
    body = body_for(event_type, **{"occurred_on": "2016-02-05", **over})
    before = store_and_read_models(app)
    with pytest.raises(error) as refusal:
        app.record_event(
            paused,
            event_type=event_type,
            body=body,
            recorded_by="analyst",
            expected_version=expected_version,
            idempotency_key=f"key-{case}",
        )
    assert isinstance(refusal.value, errors.DomainError)
    assert refusal.value.detail
    assert store_and_read_models(app) == before
    # A refused request stores no key: the same key works for a valid command afterwards.
    app.record_event(
        paused,
        event_type="statement_made",
        body=body_for("statement_made"),
        recorded_by="analyst",
        idempotency_key=f"key-{case}",
    )


def test_a_reused_key_with_another_body_is_refused_and_changes_nothing(app, paused):
    app.make_statement(
        paused, recorded_by="analyst", idempotency_key="k1", **body_for("statement_made")
    )
    before = store_and_read_models(app)
    with pytest.raises(errors.IdempotencyConflict):
        app.make_statement(
            paused,
            recorded_by="analyst",
            idempotency_key="k1",
            **body_for("statement_made", summary="Different"),
        )
    assert store_and_read_models(app) == before


def test_a_reused_key_with_the_same_body_replays_the_first_result(app, paused):
    first = app.make_statement(
        paused, recorded_by="analyst", idempotency_key="k2", **body_for("statement_made")
    )
    before = store_and_read_models(app)
    again = app.make_statement(
        paused, recorded_by="analyst", idempotency_key="k2", **body_for("statement_made")
    )
    assert (again.process_id, again.sequence, again.replayed) == (
        first.process_id,
        first.sequence,
        True,
    )
    assert store_and_read_models(app) == before
    # Keys are per user: another user's identical key is a new command.
    other = app.make_statement(
        paused, recorded_by="someone-else", idempotency_key="k2", **body_for("statement_made")
    )
    assert other.sequence == first.sequence + 1


def test_a_second_process_with_the_same_slug_is_refused(app, actors):
    body = {"name": "Talks", "conflict": "X", "mediators": []}
    app.open_process(body, recorded_by="a")
    before = store_and_read_models(app)
    with pytest.raises(errors.InvalidEvent) as refusal:
        app.open_process(body, recorded_by="a")
    assert "slug" in refusal.value.errors
    assert store_and_read_models(app) == before
