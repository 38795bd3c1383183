"""A feed reader's outside test: a note of two lines broke the plain-text digest's list, its
second line at the left margin. Every line of what someone wrote keeps its item's indent."""

from datetime import UTC, datetime

import time_machine

from negotiations.digests import tasks
from tests.factories import record


def test_the_second_line_of_a_note_is_indented_as_its_first(
    app, geneva_2016, subscribe, mailoutbox
):
    subscribe(follow=[geneva_2016])
    with time_machine.travel(datetime(2016, 2, 5, 12, tzinfo=UTC), tick=False):
        record(
            app,
            geneva_2016.pk,
            "statement_made",
            "2016-02-05",
            summary="Talks should go on.\nWithout preconditions.",
        )
        record(
            app,
            geneva_2016.pk,
            "talks_scheduled",
            "2016-02-05",
            scheduled_for="2016-02-25",
            venue="Geneva",
            note="Said at the press stakeout.\nTranscript checked against the video.",
        )

    tasks.send_due_digests("2016-02-08")

    (email,) = mailoutbox
    lines = email.body.splitlines()
    note = lines.index("    Note: Said at the press stakeout.")
    assert lines[note + 1] == "    Transcript checked against the video."
    summary = next(i for i, line in enumerate(lines) if line.endswith(": Talks should go on."))
    assert lines[summary].startswith("- [")
    assert lines[summary + 1] == "    Without preconditions."
