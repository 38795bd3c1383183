"""The status-change log is a read model like the others: a rebuild, in batches of any size,
writes the same rows, amendments included."""

import pytest

from negotiations.read.models import StatusChange
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import body_for, cause, opening

FIELDS = [f.attname for f in StatusChange._meta.concrete_fields if f.attname != "id"]


def log_rows():
    return list(
        StatusChange.objects.order_by("process_id", "sequence", "amends").values_list(*FIELDS)
    )


@pytest.mark.parametrize("batch_size", [1, 3, 500])
def test_a_rebuild_writes_the_same_log_rows(app, actors, batch_size):
    pid = app.open_process(opening(), recorded_by="a").process_id
    app.convene_talks(pid, recorded_by="a", **body_for("talks_convened", "2016-02-01"))
    app.pause_talks(pid, recorded_by="a", **body_for("talks_paused", "2016-02-03"))  # 3
    app.suspend_talks(pid, recorded_by="a", **body_for("talks_suspended", "2016-02-10"))  # 4
    app.correct_event(
        pid,
        recorded_by="a",
        occurred_on="2016-02-11",
        corrects=4,
        changes={"causes": [cause("external_pressure", "turkey")]},
        reason="Turkey said so",
    )
    app.retract_event(pid, recorded_by="a", retracts=3, reason="No pause")
    app.resume_talks(pid, recorded_by="a", **body_for("talks_resumed", "2016-03-01"))
    rows, checksum = log_rows(), rows_checksum()
    assert [(r[FIELDS.index("kind")], r[FIELDS.index("sequence")]) for r in rows] == [
        ("recorded", 2),
        ("recorded", 3),
        ("recorded", 4),
        ("corrected", 5),  # the suspension's causes
        ("retracted", 6),  # the pause
        ("corrected", 6),  # the suspension now follows the active talks
        ("recorded", 7),
    ]

    wipe_read_models()
    assert StatusChange.objects.count() == 0
    catch_up(app, batch_size=batch_size)
    assert log_rows() == rows
    assert rows_checksum() == checksum
