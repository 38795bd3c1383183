"""'Resume in May', 'talks in late August': a pause's expected resumption and the date of
scheduled talks may be known only to the month, with the rules of a month-precise
`occurred_on` (issue 23, item 14). A pause expected back in May is overdue from 1 June."""

from datetime import UTC, date, datetime

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.expectations import Announced, last_day
from negotiations.domain.history import Entry, replay
from negotiations.domain.specs import parse_body, refuse_impossible
from negotiations.domain.status_machine import is_overdue
from tests.factories import body_for, opening, parsed

D = date.fromisoformat
TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("event_type", "date_field", "precision_field"),
    [
        ("talks_paused", "expected_resumption_on", "expected_resumption_precision"),
        ("talks_scheduled", "scheduled_for", "scheduled_for_precision"),
    ],
)
class TestTheBody:
    def test_a_month_is_sent_as_its_first_day(self, event_type, date_field, precision_field):
        body = body_for(event_type, "2016-04-27", **{date_field: "2016-05-01"})
        values = parse_body(event_type, {**body, precision_field: "month"})
        assert (values[date_field], values[precision_field]) == (D("2016-05-01"), "month")

    def test_another_day_with_month_precision_is_refused_naming_the_date(
        self, event_type, date_field, precision_field
    ):
        body = body_for(event_type, "2016-04-27", **{date_field: "2016-05-15"})
        with pytest.raises(InvalidEvent) as refused:
            parse_body(event_type, {**body, precision_field: "month"})
        assert refused.value.errors == {date_field: ["With month precision the day is sent as 01."]}

    @pytest.mark.parametrize("sent", ["left out", "", None])
    def test_left_out_or_empty_it_is_day(self, event_type, date_field, precision_field, sent):
        body = body_for(event_type, "2016-04-27", **{date_field: "2016-05-15"})
        if sent != "left out":
            body[precision_field] = sent
        assert parse_body(event_type, body)[precision_field] == "day"

    def test_an_unknown_precision_is_refused(self, event_type, date_field, precision_field):
        body = body_for(event_type, "2016-04-27", **{date_field: "2016-05-01"})
        with pytest.raises(InvalidEvent) as refused:
            parse_body(event_type, {**body, precision_field: "week"})
        assert list(refused.value.errors) == [precision_field]


def test_the_occurred_on_rule_still_names_occurred_on():
    body = body_for("talks_paused", "2016-04-15", date_precision="month")
    with pytest.raises(InvalidEvent) as refused:
        parse_body("talks_paused", body)
    assert list(refused.value.errors) == ["occurred_on"]


def test_a_month_is_compared_with_the_events_own_date_at_the_coarser_precision():
    # Paused on 27 April, expected back "in April": not before the pause.
    in_april = {"expected_resumption_on": "2016-04-01", "expected_resumption_precision": "month"}
    april = parsed("talks_paused", "2016-04-27", **in_april)
    refuse_impossible("talks_paused", april, recorded_on=TODAY)
    march = {**april, "expected_resumption_on": D("2016-03-01")}
    with pytest.raises(InvalidEvent) as refused:
        refuse_impossible("talks_paused", march, recorded_on=TODAY)
    assert list(refused.value.errors) == ["expected_resumption_on"]
    # Talks announced on 10 May "for May" are not announced after their date.
    for_may = {"scheduled_for": "2016-05-01", "scheduled_for_precision": "month"}
    may = parsed("talks_scheduled", "2016-05-10", **for_may)
    refuse_impossible("talks_scheduled", may, recorded_on=TODAY)


def test_a_pause_expected_back_in_a_month_is_overdue_only_once_the_month_has_ended():
    may = D("2016-05-01")
    assert not is_overdue("paused", may, D("2016-05-02"), "month")
    assert not is_overdue("paused", may, D("2016-05-31"), "month")
    assert is_overdue("paused", may, D("2016-06-01"), "month")
    # Known to the day, the 1st of May is overdue from the 2nd.
    assert is_overdue("paused", may, D("2016-05-02"), "day")
    assert not is_overdue("active", may, D("2016-07-01"), "month")


def test_the_last_day_of_a_month_precise_date():
    assert last_day(D("2016-02-01"), "month") == D("2016-02-29")
    assert last_day(D("2016-12-01"), "month") == D("2016-12-31")
    assert last_day(D("2016-02-01"), "day") == D("2016-02-01")
    assert Announced(1, D("2016-04-27"), D("2016-05-01"), precision="month").last_day == D(
        "2016-05-31"
    )


def opened(at: datetime) -> Entry:
    """The process's opening (#1), recorded at `at`."""
    return Entry(1, "process_opened", parse_body("process_opened", opening(slug="t")), at, "x")


def paused_expecting_a_month(year: int, convened: str, paused: str, month: str) -> list[Entry]:
    """#1 opened on 1 January of `year`, #2 convened, #3 paused expecting the `month`."""
    return [
        opened(datetime(year, 1, 1, tzinfo=UTC)),
        entry(2, "talks_convened", convened),
        entry(
            3,
            "talks_paused",
            paused,
            expected_resumption_on=month,
            expected_resumption_precision="month",
        ),
    ]


def entry(sequence: int, event_type: str, occurred_on: str, **fields) -> Entry:
    values = parsed(event_type, occurred_on, **fields)
    return Entry(sequence, event_type, values, datetime(2016, 5, 1, tzinfo=UTC), "x")


def test_the_fold_carries_the_precision_of_what_a_pause_expects():
    history = paused_expecting_a_month(2016, "2016-02-01", "2016-04-27", "2016-05-01")
    paused = replay(history)
    assert paused.situation.expected_resumption_on == D("2016-05-01")
    assert paused.situation.expected_resumption_precision == "month"
    assert paused.periods[-1].expected_resumption_precision == "month"
    # Talks announced during the pause for a day replace it, with their precision.
    history.append(entry(4, "talks_scheduled", "2016-05-10", scheduled_for="2016-05-20"))
    scheduled = replay(history).situation
    assert (scheduled.expected_resumption_on, scheduled.expected_resumption_precision) == (
        D("2016-05-20"),
        "day",
    )
    history.append(
        entry(
            5,
            "talks_scheduled",
            "2016-05-18",
            scheduled_for="2016-08-01",
            scheduled_for_precision="month",
        )
    )
    august = replay(history).situation
    assert (august.expected_resumption_on, august.expected_resumption_precision) == (
        D("2016-08-01"),
        "month",
    )
