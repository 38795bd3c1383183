"""Bad bodies are refused with every problem named by field, before anything is recorded."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import NOTE_MAX, parse_body
from tests.factories import SOURCE, body_for, cause


def errors_of(event_type, body):
    with pytest.raises(InvalidEvent) as refusal:
        parse_body(event_type, body)
    return refusal.value.errors


def test_a_pause_needs_an_expected_resumption_date():
    body = body_for("talks_paused")
    del body["expected_resumption_on"]
    assert "expected_resumption_on" in errors_of("talks_paused", body)


def test_a_suspension_and_a_collapse_need_a_stated_cause():
    for event_type in ("talks_suspended", "talks_collapsed"):
        assert "causes" in errors_of(event_type, body_for(event_type, causes=[]))


def test_a_pause_may_have_causes_and_a_convening_may_not():
    parse_body("talks_paused", body_for("talks_paused", causes=[cause()]))
    assert "causes" in errors_of("talks_convened", body_for("talks_convened", causes=[cause()]))


def test_unknown_fields_are_refused_not_ignored():
    errors = errors_of("talks_convened", body_for("talks_convened", colour="blue"))
    assert errors == {"colour": ["Unknown field."]}


def test_impossible_dates_and_loose_formats_are_refused():
    assert "occurred_on" in errors_of("talks_convened", body_for("talks_convened", "2016-02-30"))
    assert "occurred_on" in errors_of("talks_convened", body_for("talks_convened", "20160201"))


def test_month_precision_sends_the_first_of_the_month():
    parse_body("talks_convened", body_for("talks_convened", "2016-02-01", date_precision="month"))
    errors = errors_of(
        "talks_convened", body_for("talks_convened", "2016-02-03", date_precision="month")
    )
    assert "occurred_on" in errors


@pytest.mark.parametrize("value", [[], {}, 0, False, "DAY"])
def test_a_precision_of_another_kind_is_refused_not_taken_as_the_day(value):
    """An attacker's outside test: [], {}, 0 and false were recorded as the day."""
    errors = errors_of("statement_made", body_for("statement_made", date_precision=value))
    assert "date_precision" in errors


@pytest.mark.parametrize("value", [None, ""])
def test_a_precision_left_empty_is_the_day(value):
    parsed = parse_body("statement_made", body_for("statement_made", date_precision=value))
    assert parsed["date_precision"] == "day"


def test_cause_categories_come_from_the_taxonomy():
    errors = errors_of(
        "talks_suspended", body_for("talks_suspended", causes=[cause(category="bad_weather")])
    )
    assert "causes[0].category" in errors


def test_text_is_bounded():
    errors = errors_of("talks_convened", body_for("talks_convened", note="x" * (NOTE_MAX + 1)))
    assert "note" in errors


def test_a_status_change_needs_a_source():
    assert "sources" in errors_of("talks_convened", body_for("talks_convened", sources=[]))


def test_sources_need_a_real_url():
    bad = {**SOURCE, "url": "javascript:alert(1)"}
    assert "sources[0].url" in errors_of(
        "talks_convened", body_for("talks_convened", sources=[bad])
    )


def test_every_problem_is_reported_at_once():
    errors = errors_of("talks_paused", {"occurred_on": "nope", "sources": "x", "extra": 1})
    assert {"occurred_on", "sources", "extra", "expected_resumption_on"} <= set(errors)


def test_opening_derives_a_slug_from_the_name():
    values = parse_body(
        "process_opened",
        {"name": "Intra-Syrian talks (Genève)", "conflict": "Syria", "mediators": []},
    )
    assert values["slug"] == "intra-syrian-talks-geneve"


def test_a_date_in_other_digits_is_asked_for_as_yyyy_mm_dd():
    """`\\d` took Arabic-Indic digits, and "٢٠١٦-٠٢-٠٥" was "not a real date" (a date
    tester's outside test): the form asked for is the answer."""
    said = errors_of("talks_convened", body_for("talks_convened", "٢٠١٦-٠٢-٠٥"))["occurred_on"]
    assert said == ["Enter a date as YYYY-MM-DD."]
