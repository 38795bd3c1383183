"""Every refusal the domain words reaches a reader in the language they asked for: each bad
request below is sent in English, then in French or Arabic (`Accept-Language`), and each
message of the answer (its `detail`, and every message of its `errors`) must be another text
than the English one; in Arabic, written in Arabic letters. Nothing is stored either way
(`post` compares the store and the read models before and after)."""

import re
from typing import Any

import pytest

from tests.api.recording import recorded
from tests.factories import cause, event, opening

from .test_errors import active, post  # noqa: F401  (the fixture, and a post that checks nothing is stored)

SOURCE = {"url": "https://example.org/a", "outlet": "Example"}
AT = "2016-02-05"


def corrected(sequence: int, changes: Any) -> dict:
    return event("event_corrected", AT, corrects=sequence, changes=changes, reason="Typo.")


def agreement_event(type_: str, day: str = "2016-02-24", **fields: Any) -> dict:
    return event(type_, day, agreement="cessation", **fields)


def signing(**over: Any) -> dict:
    fields = {
        "agreement": "truce",
        "title": "A truce",
        "stage": "ceasefire",
        "signatories": ["united-states", "russia"],
        **over,
    }
    return event("agreement_signed", "2016-02-23", **fields)


# What is wrong, and the body sent to the events of a process in talks since 1 February 2016,
# with the agreement 'cessation' signed on 22 February: one case for each refusal the domain
# words, from a field's shape to the history a correction would leave.
TO_EVENTS = [
    ("a string that is not", event("talks_resumed", AT, note=5)),
    ("a list that is not", event("talks_resumed", AT, sources="x")),
    ("an object that is not", event("talks_resumed", AT, sources=["x"])),
    ("too many items", event("talks_resumed", AT, sources=[SOURCE] * 60)),
    ("a text too long", event("talks_resumed", AT, venue="x" * 500)),
    ("an unknown field", event("talks_resumed", AT, colour="red")),
    ("a date not written as one", event("talks_resumed", "5 Feb 2016")),
    ("a date that is no day", event("talks_resumed", "2016-02-30")),
    # An f-string until a reader's sweep found it English in Arabic and French.
    ("a date before the earliest", event("talks_resumed", "1850-01-01")),
    ("a bad slug", event("party_joined", AT, actor="Not A Slug")),
    ("a bad choice", event("statement_made", AT, actor="hnc", stance="x", summary="S.")),
    ("a bidi control", event("talks_resumed", AT, venue="Gen\u202eeva")),
    ("a blank text", event("statement_made", AT, actor="hnc", stance="critical", summary=" ")),
    ("a date with no venue", event("talks_scheduled", AT, scheduled_for="2016-03-01")),
    (
        "a pause expected back before it began",
        event("talks_paused", AT, expected_resumption_on="2016-02-01"),
    ),
    (
        "talks announced after they took place",
        event("talks_scheduled", AT, scheduled_for="2016-02-01", venue="Geneva"),
    ),
    ("no source for a status change", event("talks_suspended", AT, sources=[])),
    ("no cause for a suspension", {**event("talks_suspended", AT), "causes": []}),
    (
        "a month-precise date not on the 1st",
        event(
            "talks_paused",
            AT,
            expected_resumption_on="2016-03-05",
            expected_resumption_precision="month",
        ),
    ),
    (
        "a month with no date",
        event("talks_scheduled", AT, scheduled_for_precision="month", venue="Jeddah"),
    ),
    ("an unknown event type", event("talks_danced", AT)),
    # English in every language until a French and Russian analyst's outside test.
    (
        "an unknown actor",
        event("statement_made", AT, actor="atlantis", stance="critical", summary="S."),
    ),
    ("a party already in", event("party_joined", AT, actor="hnc")),
    ("a party made mediator", event("mediator_appointed", AT, actor="hnc")),
    ("a mediator already", event("mediator_appointed", AT, actor="united-nations")),
    ("a party not in the talks", event("party_withdrew", AT, actor="united-states")),
    ("a mediator that is not", event("mediator_stepped_down", AT, actor="hnc")),
    ("an actor listed twice", {**signing(), "signatories": ["russia", "russia"]}),
    ("a sequence that is not", corrected(0, {"note": "n"})),
    ("changes that are not an object", corrected(1, [])),
    ("changes that change nothing", corrected(1, {})),
    ("a correction of no event", corrected(99, {"note": "n"})),
    ("a correction of a correction", corrected(5, {"note": "n"})),
    ("a correction the rules refuse", corrected(2, {"occurred_on": "2099-01-01"})),
    ("a correction leaving no source", corrected(2, {"sources": []})),
    ("a retraction of the opening", event("event_retracted", None, retracts=1, reason="No.")),
    ("a retraction of a retraction", event("event_retracted", None, retracts=6, reason="No.")),
    ("a correction of a retracted event", corrected(4, {"note": "n"})),
    ("an agreement with no source", {**signing(), "sources": []}),
    ("an effect before the signing", signing(takes_effect_on="2016-02-01")),
    ("an agreement superseding itself", signing(supersedes="truce")),
    (
        "a third party twice",
        signing(third_parties=[{"actor": "united-nations", "role": "observer"}] * 2),
    ),
    ("a slug already an agreement's", signing(agreement="cessation")),
    ("an agreement no one signed", signing(supersedes="nope")),
    (
        "a successor signed after the end",
        agreement_event("agreement_ended", end_reason="superseded", superseded_by="later"),
    ),
    ("an end naming no successor", agreement_event("agreement_ended", end_reason="superseded")),
    (
        "a successor named without supersession",
        agreement_event("agreement_ended", end_reason="expired", superseded_by="later"),
    ),
    ("an end with no cause", agreement_event("agreement_ended", end_reason="collapsed")),
    ("a move before the signing", agreement_event("agreement_took_effect", "2016-02-10")),
    (
        "a lost vote approved",
        agreement_event(
            "agreement_ratified", body="Senate", result="approved", votes_for=1, votes_against=9
        ),
    ),
    (
        "shares over 100",
        agreement_event("referendum_held", result="rejected", yes_share=60, no_share=60),
    ),
    (
        "a rejected referendum approved",
        agreement_event("referendum_held", result="approved", yes_share=40, no_share=60),
    ),
    ("a vote count out of range", agreement_event("agreement_ratified", body="S", votes_for=-1)),
    ("a share out of range", agreement_event("referendum_held", result="approved", turnout=101)),
    (
        "no one alleging a breach",
        agreement_event("agreement_breach_alleged", alleged_by=[], causes=[cause()]),
    ),
    (
        "a claim dated after the agreement closed",
        event(
            "agreement_breach_alleged",
            "2016-03-10",
            agreement="later",
            alleged_by=["russia"],
            causes=[cause()],
        ),
    ),
    ("a third party as mediator", event("third_party_joined", AT, actor="norway", role="mediator")),
    (
        "a third party already so",
        event("third_party_joined", AT, actor="cuba", role="guarantor"),
    ),
    ("a party as third party", event("third_party_joined", AT, actor="hnc", role="guarantor")),
]

# And to the list of processes: a new process's own refusals.
TO_PROCESSES = [
    ("an actor both mediator and party", opening(parties=["united-nations"])),
    ("a name that gives no slug", opening(name="!!!", slug="")),
    ("a slug taken", opening(slug="taken-talks")),
]

ARABIC = re.compile("[\u0600-\u06ff]")


def messages(answer: dict) -> list[tuple[str, str]]:
    said = [("detail", answer["detail"])]
    return said + [(f, m) for f, ms in answer.get("errors", {}).items() for m in ms]


@pytest.fixture
def talks(editor_api, active):  # noqa: F811
    """The process of `active` (#1 opened, #2 convened), with an agreement (#3), a statement
    (#4) corrected (#5) then retracted (#6), a later agreement (#7), a guarantor (#8) and the
    later agreement's end (#9); and another process: for the refusals of amendments,
    agreements and slugs."""
    slug = active.split("/")[-3]
    third = [{"actor": "united-nations", "role": "observer"}]
    fields = {"title": "Cessation", "stage": "ceasefire", "signatories": ["russia"]}
    recorded(
        editor_api,
        slug,
        "agreement_signed",
        "2016-02-22",
        agreement="cessation",
        third_parties=third,
        **fields,
    )
    recorded(
        editor_api,
        slug,
        "statement_made",
        "2016-02-03",
        actor="hnc",
        stance="critical",
        summary="S.",
    )
    recorded(editor_api, slug, "event_corrected", AT, corrects=4, changes={"note": "n"}, reason="r")
    recorded(editor_api, slug, "event_retracted", None, retracts=4, reason="Wrong.")
    recorded(editor_api, slug, "agreement_signed", "2016-03-01", agreement="later", **fields)
    recorded(editor_api, slug, "third_party_joined", "2016-02-02", actor="cuba", role="guarantor")
    recorded(
        editor_api, slug, "agreement_ended", "2016-03-05", agreement="later", end_reason="expired"
    )
    editor_api.post("/api/v1/processes/", opening(slug="taken-talks"), format="json")
    return active


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_refusal_is_told_in_the_asked_language(editor_api, talks, language):
    untold = []
    cases = [(talks, *case) for case in TO_EVENTS]
    cases += [("/api/v1/processes/", *case) for case in TO_PROCESSES]
    for url, wrong, body in cases:
        code, english = post(editor_api, url, body)
        again, asked = post(editor_api, url, body, **{"Accept-Language": language})
        assert 400 <= code < 500, (wrong, code, english)
        assert again == code, (wrong, again, asked)
        said = dict(messages(asked))
        for field, message in messages(english):
            told = said.get(field, "")
            if told == message or (language == "ar" and not ARABIC.search(told)):
                untold.append(f"{wrong}: {field}: {message!r} -> {told!r}")
    assert not untold, "\n".join(untold)
