"""The typed body models are at least as strict as the hand-written validator they replaced:
each rule it had, one bad body each, is refused naming the field, in the same words."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import parse_body
from tests.factories import SOURCE, body_for, cause, opening

REQUIRED = "This field is required."
SLUG = "Must be a slug: lowercase letters, digits and hyphens."


def statement(**over):
    return body_for("statement_made", **over)


RULES = [
    # (rule, event type, body, field, words of the message)
    ("unknown type", "talks_teleported", {}, "type", "Unknown event type"),
    ("body not an object", "talks_convened", ["x"], "non_field_errors", "JSON object"),
    (
        "unknown field",
        "talks_convened",
        body_for("talks_convened", mood=1),
        "mood",
        "Unknown field.",
    ),
    (
        "date missing",
        "talks_scheduled",
        body_for("talks_scheduled", occurred_on=None),
        "occurred_on",
        REQUIRED,
    ),
    (
        "loose date",
        "talks_convened",
        body_for("talks_convened", "20160201"),
        "occurred_on",
        "YYYY-MM-DD",
    ),
    (
        "date as a number",
        "talks_convened",
        body_for("talks_convened", 20160201),
        "occurred_on",
        "YYYY-MM-DD",
    ),
    (
        "no such day",
        "talks_convened",
        body_for("talks_convened", "2016-02-30"),
        "occurred_on",
        "not a real date",
    ),
    (
        "precision",
        "talks_convened",
        body_for("talks_convened", date_precision="week"),
        "date_precision",
        "Must be one of",
    ),
    (
        "month not on the 1st",
        "talks_convened",
        body_for("talks_convened", "2016-02-03", date_precision="month"),
        "occurred_on",
        "day is sent as 01",
    ),
    (
        "sources not a list",
        "talks_convened",
        body_for("talks_convened", sources="x"),
        "sources",
        "Must be a list.",
    ),
    (
        "too many sources",
        "statement_made",
        statement(sources=[SOURCE] * 51),
        "sources",
        "At most 50 items.",
    ),
    (
        "status change unsourced",
        "talks_convened",
        body_for("talks_convened", sources=[]),
        "sources",
        "needs at least one source",
    ),
    (
        "source not an object",
        "talks_convened",
        body_for("talks_convened", sources=["x"]),
        "sources[0]",
        "Must be an object.",
    ),
    (
        "source url",
        "talks_convened",
        body_for("talks_convened", sources=[{**SOURCE, "url": "javascript:alert(1)"}]),
        "sources[0].url",
        "valid http(s) URL",
    ),
    (
        "source outlet",
        "talks_convened",
        body_for("talks_convened", sources=[{"url": SOURCE["url"]}]),
        "sources[0].outlet",
        REQUIRED,
    ),
    (
        "source outlet long",
        "talks_convened",
        body_for("talks_convened", sources=[{**SOURCE, "outlet": "x" * 201}]),
        "sources[0].outlet",
        "At most 200 characters (got 201).",
    ),
    (
        "source unknown key",
        "talks_convened",
        body_for("talks_convened", sources=[{**SOURCE, "x": 1}]),
        "sources[0].x",
        "Unknown field.",
    ),
    (
        "note long",
        "talks_convened",
        body_for("talks_convened", note="x" * 10_001),
        "note",
        "At most 10000 characters",
    ),
    (
        "note not text",
        "talks_convened",
        body_for("talks_convened", note=5),
        "note",
        "Must be a string.",
    ),
    (
        "causes where none",
        "talks_convened",
        body_for("talks_convened", causes=[cause()]),
        "causes",
        "Unknown field.",
    ),
    (
        "causes needed",
        "talks_suspended",
        body_for("talks_suspended", causes=[]),
        "causes",
        "This event needs at least one stated cause: who stated it, and why.",
    ),
    (
        "causes not a list",
        "talks_suspended",
        body_for("talks_suspended", causes="bombing"),
        "causes",
        "Must be a list.",
    ),
    (
        "cause category",
        "talks_suspended",
        body_for("talks_suspended", causes=[cause("weather")]),
        "causes[0].category",
        "Must be one of",
    ),
    (
        "cause stated by",
        "talks_suspended",
        body_for("talks_suspended", causes=[{**cause(), "stated_by": None}]),
        "causes[0].stated_by",
        REQUIRED,
    ),
    (
        "cause stated by slug",
        "talks_suspended",
        body_for("talks_suspended", causes=[cause(stated_by="Ban Ki-moon")]),
        "causes[0].stated_by",
        SLUG,
    ),
    (
        "cause blank",
        "talks_suspended",
        body_for("talks_suspended", causes=[cause(description="  ")]),
        "causes[0].description",
        "may not be blank",
    ),
    (
        "cause source url",
        "talks_suspended",
        body_for("talks_suspended", causes=[cause(source={"url": "ftp://x", "outlet": "o"})]),
        "causes[0].source.url",
        "valid http(s) URL",
    ),
    ("text missing", "statement_made", body_for("statement_made", summary=""), "summary", REQUIRED),
    (
        "a date with no venue",
        "talks_scheduled",
        body_for("talks_scheduled", venue=""),
        "venue",
        "Say where the talks are to be held",
    ),
    (
        "text long",
        "talks_scheduled",
        body_for("talks_scheduled", venue="x" * 201),
        "venue",
        "At most 200 characters (got 201).",
    ),
    (
        "own date missing",
        "talks_paused",
        body_for("talks_paused", expected_resumption_on=None),
        "expected_resumption_on",
        REQUIRED,
    ),
    (
        "own date a number",
        "talks_paused",
        body_for("talks_paused", expected_resumption_on=20160301),
        "expected_resumption_on",
        "YYYY-MM-DD",
    ),
    (
        "choice",
        "statement_made",
        statement(stance="furious"),
        "stance",
        "Must be one of: supportive, critical",
    ),
    (
        "optional choice",
        "talks_convened",
        body_for("talks_convened", format="telepathy"),
        "format",
        "Must be one of",
    ),
    ("actor slug", "party_joined", body_for("party_joined", actor="Turkey"), "actor", SLUG),
    ("actor missing", "party_joined", body_for("party_joined", actor=None), "actor", REQUIRED),
    ("actors missing", "process_opened", opening(mediators=None), "mediators", REQUIRED),
    (
        "actors twice",
        "process_opened",
        opening(mediators=["un", "un"]),
        "mediators",
        "listed twice",
    ),
    ("actors item", "process_opened", opening(parties=["ok", "Not OK"]), "parties[1]", SLUG),
    (
        "actors on both sides",
        "process_opened",
        opening(mediators=["un"], parties=["un"]),
        "parties",
        "Listed as mediator and party: un.",
    ),
    ("slug", "process_opened", opening(slug="Not a slug"), "slug", SLUG),
    ("no slug to derive", "process_opened", opening(name="!!!"), "slug", "Could not derive a slug"),
    (
        "sequence zero",
        "event_retracted",
        {"retracts": 0, "reason": "r"},
        "retracts",
        "positive integer",
    ),
    (
        "sequence a boolean",
        "event_retracted",
        {"retracts": True, "reason": "r"},
        "retracts",
        "positive integer",
    ),
    (
        "sequence text",
        "event_retracted",
        {"retracts": "3", "reason": "r"},
        "retracts",
        "positive integer",
    ),
    (
        "no changes",
        "event_corrected",
        {"occurred_on": "2016-02-02", "corrects": 2, "changes": {}, "reason": "r"},
        "changes",
        "Name at least one field",
    ),
    (
        "changes not an object",
        "event_corrected",
        {"occurred_on": "2016-02-02", "corrects": 2, "changes": [], "reason": "r"},
        "changes",
        "Must be an object.",
    ),
]


@pytest.mark.parametrize(
    ("event_type", "body", "field", "words"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_the_rule_refuses_naming_the_field(event_type, body, field, words):
    with pytest.raises(InvalidEvent) as refusal:
        parse_body(event_type, body)
    assert field in refusal.value.errors, refusal.value.errors
    assert any(words in m for m in refusal.value.errors[field]), refusal.value.errors[field]


CHANGES = [
    ("unknown field", "talks_convened", {"mood": "grim"}, "mood", "Unknown field."),
    ("the slug (the process id)", "process_opened", {"slug": "other"}, "slug", "Unknown field."),
    ("the date emptied", "talks_convened", {"occurred_on": None}, "occurred_on", REQUIRED),
    ("a required text emptied", "statement_made", {"summary": ""}, "summary", REQUIRED),
    ("sources emptied", "talks_convened", {"sources": []}, "sources", "at least one source"),
    # A rule across fields (month precision on the 3rd) is checked on the corrected event as
    # a whole, not on the changes alone (bodies.whole_body_rule): tests/api/
    # test_impossible_facts_are_refused_over_http.py refuses such a correction.
]


@pytest.mark.parametrize(
    ("event_type", "changes", "field", "words"),
    [c[1:] for c in CHANGES],
    ids=[c[0] for c in CHANGES],
)
def test_a_correction_s_changes_keep_the_rules_of_their_fields(event_type, changes, field, words):
    with pytest.raises(InvalidEvent) as refusal:
        parse_body(event_type, changes, partial=True)
    assert any(words in m for m in refusal.value.errors.get(field, [])), refusal.value.errors


def test_changes_return_only_what_they_change_each_value_complete():
    assert parse_body("talks_convened", {"note": " n "}, partial=True) == {"note": "n"}
    changed = parse_body("talks_convened", {"sources": [SOURCE]}, partial=True)
    assert changed == {"sources": [{**SOURCE, "title": "", "published_on": None}]}


def test_a_good_body_comes_back_typed_with_its_defaults():
    values = parse_body("talks_convened", body_for("talks_convened", venue=" Geneva "))
    assert values["venue"] == "Geneva"
    assert values["occurred_on"].isoformat() == "2016-02-01"
    assert (values["date_precision"], values["note"], values["format"]) == ("day", "", "")
    assert values["sources"] == [{**SOURCE, "title": "", "published_on": None}]
