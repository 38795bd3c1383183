"""What was the status on 10 February? And what did the tracker say at a given moment?"""

import datetime

from negotiations.read.models import Process, StatusPeriod, TimelineEntry
from negotiations.read.selectors import status_as_of
from tests.factories import record

D = datetime.date.fromisoformat


def test_geneva_as_of_world_dates(geneva):
    assert status_as_of(geneva, as_of=D("2015-12-01")).status is None  # before it was opened
    assert status_as_of(geneva, as_of=D("2016-01-30")).status == "planned"
    assert status_as_of(geneva, as_of=D("2016-02-02")).status == "active"
    on_10_feb = status_as_of(geneva, as_of=D("2016-02-10"))
    assert on_10_feb.status == "paused"
    assert on_10_feb.expected_resumption_on == D("2016-02-25")
    assert on_10_feb.status_since == D("2016-02-03")
    assert {(c["stated_by"], c["category"]) for c in on_10_feb.causes} == {
        ("staffan-de-mistura", "procedural"),
        ("staffan-de-mistura", "humanitarian_access"),
        ("staffan-de-mistura", "other"),
        ("un-official", "military_escalation"),
        ("ban-ki-moon", "humanitarian_access"),
        ("ban-ki-moon", "military_escalation"),
    }
    assert not on_10_feb.overdue
    # Known at the end of 25 February: that day passed with no resumption and no new date.
    known = datetime.datetime(2016, 2, 25, 23, 59, tzinfo=datetime.UTC)
    assert status_as_of(geneva, as_of=D("2016-02-26"), known_at=known).overdue
    # Talks for 7 March were announced on the 26th: a newer date replaces the 25th.
    on_29_feb = status_as_of(geneva, as_of=D("2016-02-29"))
    assert on_29_feb.expected_resumption_on == D("2016-03-07")
    assert not on_29_feb.overdue
    assert status_as_of(geneva, as_of=D("2016-03-20")).status == "active"
    assert status_as_of(geneva, as_of=D("2016-04-20")).status == "active"
    # The round ended on 27 April with no day set, the envoy planning a round in May: paused,
    # expected back in May 2016 (month precision), not overdue while May lasts; on 26 May,
    # with no round in sight, the talks are suspended.
    in_may = status_as_of(geneva, as_of=D("2016-05-25"))
    assert (in_may.status, in_may.expected_resumption_on) == ("paused", D("2016-05-01"))
    assert (in_may.expected_resumption_precision, in_may.overdue) == ("month", False)
    assert status_as_of(geneva, as_of=D("2016-05-26")).status == "suspended"


def test_erdogans_statements_are_not_transitions(geneva):
    changes = StatusPeriod.objects.filter(process=geneva, occurred_on__gte=D("2016-02-03"))
    assert [p.status for p in changes.filter(occurred_on__lte=D("2016-02-04"))] == ["paused"]
    statements = TimelineEntry.objects.filter(
        process=geneva, type="statement_made", recorded__actor="recep-tayyip-erdogan"
    ).order_by("sequence")
    assert [s.current["stance"] for s in statements] == ["conditional", "critical"]


def test_known_at_ignores_what_was_recorded_later(geneva, app):
    pause = TimelineEntry.objects.get(process=geneva, type="talks_paused", occurred_on="2016-02-03")
    app.correct_event(
        geneva.id,
        recorded_by="editor",
        occurred_on="2016-02-05",
        corrects=pause.sequence,
        changes={"expected_resumption_on": "2016-02-26"},
        reason="Checked the transcript",
    )
    geneva.refresh_from_db()
    now = status_as_of(geneva, as_of=D("2016-02-10"))
    assert now.expected_resumption_on == D("2016-02-26")
    then = status_as_of(geneva, as_of=D("2016-02-10"), known_at=pause.recorded_at)
    assert then.expected_resumption_on == D("2016-02-25")
    assert then.version == pause.sequence
    day_before = status_as_of(
        geneva, as_of=D("2016-02-10"), known_at=pause.recorded_at - datetime.timedelta(days=1)
    )
    assert day_before.status == "active"
    assert day_before.version == pause.sequence - 1
    opened = TimelineEntry.objects.get(process=geneva, sequence=1).recorded_at
    before_anything = status_as_of(
        geneva, as_of=D("2016-02-10"), known_at=opened - datetime.timedelta(days=1)
    )
    assert before_anything.status is None
    assert before_anything.version == 0


def test_as_of_and_known_at_agree_with_the_periods_when_nothing_was_corrected(geneva, app):
    latest = TimelineEntry.objects.filter(process=geneva).order_by("-sequence").first()
    # Something recorded afterwards (a statement changes no status), so that `known_at` before
    # it takes the fold of the stored history while the plain question reads the periods.
    erdogan = {"actor": "recep-tayyip-erdogan", "summary": "Nothing will come of Geneva."}
    record(app, geneva.id, "statement_made", "2016-05-02", by="editor", **erdogan)
    geneva.refresh_from_db()
    assert geneva.updated_at > latest.recorded_at
    for day in ("2016-01-30", "2016-02-02", "2016-02-10", "2016-03-01", "2016-03-20", "2016-05-01"):
        indexed = status_as_of(geneva, as_of=D(day))
        replayed = status_as_of(geneva, as_of=D(day), known_at=latest.recorded_at)
        assert (indexed.version, replayed.version) == (latest.sequence + 1, latest.sequence)
        assert replayed.status is not None, day
        assert (
            indexed.status,
            indexed.status_since,
            indexed.status_since_precision,
            indexed.expected_resumption_on,
            indexed.overdue,
            indexed.sequence,
            indexed.causes,
        ) == (
            replayed.status,
            replayed.status_since,
            replayed.status_since_precision,
            replayed.expected_resumption_on,
            replayed.overdue,
            replayed.sequence,
            replayed.causes,
        ), day


def test_load_demo_twice_adds_nothing(geneva, app):
    from django.core.management import call_command

    before = (
        app.recorder.max_notification_id(),
        Process.objects.count(),
        TimelineEntry.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (
        app.recorder.max_notification_id(),
        Process.objects.count(),
        TimelineEntry.objects.count(),
    ) == before
    # Geneva, Havana, Yemen, Ethiopia, Sudan, and the names the sources give
    assert before[2] == 40 + 52 + 19 + 23 + 28 + 3 + 15
