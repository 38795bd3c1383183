"""An agreement's lifecycle, told as the Havana and Geneva records tell it, and what it refuses.

No database: the lifecycle is a fold over plain entries (`negotiations.domain.agreements`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from negotiations.domain.agreement_bodies import AGREEMENT_BODIES
from negotiations.domain.agreement_lifecycle import AgreementTransitionRefused, allowed_events
from negotiations.domain.agreements import Agreements
from negotiations.domain.errors import InvalidEvent
from negotiations.domain.history import Entry
from negotiations.domain.specs import parse_body
from tests.factories import SOURCE, cause


def entry(sequence: int, event_type: str, occurred_on: str, **fields: Any) -> Entry:
    body = {"occurred_on": occurred_on, "sources": [SOURCE], **fields}
    values = AGREEMENT_BODIES[event_type].model_validate(body).model_dump()
    return Entry(sequence, event_type, values, datetime(2026, 1, 1, tzinfo=UTC), "analyst")


def take(book: Agreements, e: Entry) -> None:
    book.check(e)
    book.apply(e)


def signing(sequence: int, slug: str, occurred_on: str, **over: Any) -> Entry:
    fields = {
        "agreement": slug,
        "title": f"Agreement {slug}",
        "stage": "comprehensive",
        "signatories": ["colombian-government", "farc-ep"],
        **over,
    }
    return entry(sequence, "agreement_signed", occurred_on, **fields)


@pytest.fixture
def havana() -> Agreements:
    """The final agreement of 24 August 2016, rejected in the plebiscite of 2 October."""
    book = Agreements()
    take(
        book,
        signing(
            2,
            "final-agreement",
            "2016-08-24",
            third_parties=[
                {"actor": "cuba", "role": "guarantor"},
                {"actor": "norway", "role": "guarantor"},
            ],
        ),
    )
    take(
        book,
        entry(
            3,
            "referendum_held",
            "2016-10-02",
            agreement="final-agreement",
            result="rejected",
            yes_share=49.78,
            no_share=50.21,
            turnout=37.41,
        ),
    )
    return book


def test_a_referendum_that_says_no_rejects_the_agreement(havana: Agreements) -> None:
    final = havana.by_slug["final-agreement"]
    assert final.status == "rejected"
    assert final.rejected_by == "referendum"
    assert final.closed_on == date(2016, 10, 2)
    assert final.votes[0]["no_share"] == 50.21
    assert final.votes[0]["turnout"] == 37.41
    # As of the day after the vote it is rejected; the month before, it was signed.
    assert final.status_on(date(2016, 10, 3)) == "rejected"
    assert final.status_on(date(2016, 9, 1)) == "signed"
    assert final.status_on(date(2016, 8, 23)) is None
    assert final.third_parties[0] == {"actor": "cuba", "role": "guarantor"}


def test_the_revised_agreement_supersedes_the_rejected_one_and_is_ratified_by_both_chambers(
    havana: Agreements,
) -> None:
    take(havana, signing(4, "revised-final-agreement", "2016-11-24", supersedes="final-agreement"))
    for seq, day, chamber, votes in (
        (5, "2016-11-29", "Senate of Colombia", 75),
        (6, "2016-11-30", "House of Representatives of Colombia", 130),
    ):
        take(
            havana,
            entry(
                seq,
                "agreement_ratified",
                day,
                agreement="revised-final-agreement",
                body=chamber,
                result="approved",
                votes_for=votes,
                votes_against=0,
            ),
        )
    first, revised = havana.by_slug["final-agreement"], havana.by_slug["revised-final-agreement"]
    assert first.superseded_by == "revised-final-agreement"
    assert first.status == "rejected"  # superseding it names it; it was already rejected
    assert revised.supersedes == "final-agreement"
    assert revised.status == "signed"  # a vote that says yes changes no status
    assert [(v["body"], v["votes_for"], v["votes_against"]) for v in revised.votes] == [
        ("Senate of Colombia", 75, 0),
        ("House of Representatives of Colombia", 130, 0),
    ]


def test_a_ceasefire_is_in_force_from_the_day_it_takes_effect() -> None:
    book = Agreements()
    take(book, signing(2, "cessation-of-hostilities", "2016-02-22", stage="ceasefire"))
    slug = "cessation-of-hostilities"
    took_effect = entry(3, "agreement_took_effect", "2016-02-27", agreement=slug)
    take(book, took_effect)
    assert [a.slug for a in book.in_force_on(date(2016, 2, 28))] == ["cessation-of-hostilities"]
    assert book.in_force_on(date(2016, 2, 26)) == []
    take(
        book,
        entry(
            4,
            "agreement_ended",
            "2016-09-01",
            agreement="cessation-of-hostilities",
            end_reason="collapsed",
            causes=[cause()],
        ),
    )
    assert book.in_force_on(date(2016, 9, 1)) == []
    assert book.by_slug["cessation-of-hostilities"].status_on(date(2016, 8, 31)) == "in_force"
    assert book.by_slug["cessation-of-hostilities"].end_reason == "collapsed"


def test_an_alleged_breach_is_a_claim_that_changes_no_status() -> None:
    book = Agreements()
    take(book, signing(2, "ceasefire", "2023-05-20", stage="ceasefire"))
    take(book, entry(3, "agreement_took_effect", "2023-05-22", agreement="ceasefire"))
    take(
        book,
        entry(
            4,
            "agreement_breach_alleged",
            "2023-05-23",
            agreement="ceasefire",
            alleged_by=["saudi-arabia", "united-states"],
            against=["colombian-government", "farc-ep"],
            causes=[cause(stated_by="united-states")],
        ),
    )
    ceasefire = book.by_slug["ceasefire"]
    assert ceasefire.status == "in_force"
    assert ceasefire.breaches[0]["alleged_by"] == ["saudi-arabia", "united-states"]


def test_a_breach_alleged_while_it_held_is_recorded_after_its_end() -> None:
    """Jeddah, 2023: the short-term ceasefire in force from 22 May ended on the 29th; the
    mediators' statement of the 28th alleging breaches is recorded later, by an analyst
    catching up. Dated after the end, the same allegation is refused."""
    book = Agreements()
    take(book, signing(2, "stc", "2023-05-20", stage="ceasefire"))
    take(book, entry(3, "agreement_took_effect", "2023-05-22", agreement="stc"))
    take(book, entry(4, "agreement_ended", "2023-05-29", agreement="stc", end_reason="expired"))

    def breach(sequence: int, day: str) -> Entry:
        return entry(
            sequence,
            "agreement_breach_alleged",
            day,
            agreement="stc",
            alleged_by=["saudi-arabia", "united-states"],
            causes=[cause(stated_by="united-states")],
        )

    take(book, breach(5, "2023-05-28"))
    take(book, breach(6, "2023-05-29"))  # the day it ended: it held that day
    stc = book.by_slug["stc"]
    assert (stc.status, len(stc.breaches)) == ("ended", 2)
    with pytest.raises(AgreementTransitionRefused) as refusal:
        book.check(breach(7, "2023-05-30"))
    # It says the date is what is wrong (not "Allowed now: none"): dated the 29th it was taken.
    assert refusal.value.detail == (
        "The agreement 'stc' closed on 29 May 2023 (ended): 'agreement_breach_alleged' is "
        "taken only with a date no later than that."
    )
    # A vote that says yes, dated before a rejection, is recorded too; one after is not.
    book = Agreements()
    take(book, signing(2, "deal", "2016-08-24"))
    no = {"agreement": "deal", "result": "rejected"}
    take(book, entry(3, "referendum_held", "2016-10-02", **no))
    yes = {"agreement": "deal", "body": "Senate", "result": "approved"}
    take(book, entry(4, "agreement_ratified", "2016-09-30", **yes))
    with pytest.raises(AgreementTransitionRefused):
        book.check(entry(5, "agreement_ratified", "2016-10-03", **yes))


def test_a_stored_successor_signed_earlier_replays_as_recorded_and_a_new_one_is_refused() -> None:
    """The rule that an agreement supersedes an earlier one came after such pairs could be
    stored: the history replays them as recorded (every reader replays it), and only a new
    signing (or a correction) is refused by it."""
    from negotiations.domain.history import Situation, replay
    from tests.factories import opening

    first = Entry(
        1,
        "process_opened",
        parse_body("process_opened", opening(slug="t", mediators=["cuba"], parties=["farc-ep"])),
        datetime(2016, 1, 1, tzinfo=UTC),
        "x",
    )
    stored = [
        first,
        signing(2, "a", "2016-06-01"),
        signing(3, "b", "2016-05-01", supersedes="a"),
        entry(4, "agreement_ended", "2016-07-01", agreement="a", end_reason="expired"),
    ]
    assert replay(stored).situation.agreements.by_slug["b"].supersedes == "a"
    situation = replay(stored[:2]).situation
    assert isinstance(situation, Situation)
    with pytest.raises(InvalidEvent) as raised:
        situation.check_new(stored[2])
    assert "an agreement supersedes an earlier one" in raised.value.errors["supersedes"][0]


# -- refusals -------------------------------------------------------------------------------


def refusal(book: Agreements, e: Entry) -> InvalidEvent:
    with pytest.raises(InvalidEvent) as raised:
        book.check(e)
    return raised.value


def test_an_event_about_an_agreement_that_does_not_exist_is_refused() -> None:
    error = refusal(
        Agreements(),
        entry(2, "referendum_held", "2016-10-02", agreement="no-such-deal", result="rejected"),
    )
    assert "There is no agreement 'no-such-deal'" in error.errors["agreement"][0]
    # In words every reader has (the admin's too), not the API's code for the event type.
    assert str(error.errors["agreement"][0]).endswith(": record its signing first.")


def test_an_agreement_cannot_take_effect_before_it_was_signed(havana: Agreements) -> None:
    book = Agreements()
    take(book, signing(2, "deal", "2016-06-23"))
    error = refusal(book, entry(3, "agreement_took_effect", "2016-06-01", agreement="deal"))
    assert "before the agreement 'deal' was signed (23 June 2016)" in error.errors["occurred_on"][0]


def test_the_lifecycle_refuses_what_its_table_lacks(havana: Agreements) -> None:
    # Rejected is final: it cannot take effect, nor be voted on again, nor end.
    for e in (
        entry(4, "agreement_took_effect", "2016-10-05", agreement="final-agreement"),
        entry(4, "referendum_held", "2016-10-05", agreement="final-agreement", result="approved"),
        entry(
            4, "agreement_ended", "2016-10-05", agreement="final-agreement", end_reason="expired"
        ),
    ):
        with pytest.raises(AgreementTransitionRefused) as raised:
            havana.check(e)
        assert raised.value.code == "invalid_transition"
        assert raised.value.status == "rejected"
        assert raised.value.allowed == []
    book = Agreements()
    take(book, signing(2, "deal", "2016-06-23"))
    take(book, entry(3, "agreement_took_effect", "2016-06-24", agreement="deal"))
    with pytest.raises(AgreementTransitionRefused) as raised:
        book.check(entry(4, "agreement_took_effect", "2016-06-25", agreement="deal"))
    assert raised.value.allowed == allowed_events("in_force")
    assert "'deal' is in force" in raised.value.detail


def test_a_lifecycle_change_before_the_latest_one_is_refused() -> None:
    book = Agreements()
    take(book, signing(2, "deal", "2016-06-23"))
    take(book, entry(3, "agreement_took_effect", "2016-08-29", agreement="deal"))
    error = refusal(
        book, entry(4, "agreement_ended", "2016-08-01", agreement="deal", end_reason="expired")
    )
    assert "before the agreement's latest change (29 August 2016)" in error.errors["occurred_on"][0]


def test_a_slug_names_one_agreement_and_what_it_supersedes_must_exist(havana: Agreements) -> None:
    assert (
        "already an agreement"
        in refusal(havana, signing(4, "final-agreement", "2016-11-24")).errors["agreement"][0]
    )
    assert (
        "no agreement 'other'"
        in refusal(havana, signing(4, "revised", "2016-11-24", supersedes="other")).errors[
            "supersedes"
        ][0]
    )
    book = Agreements()
    take(book, signing(2, "deal", "2016-06-23"))
    take(book, signing(3, "later", "2016-09-01"))
    error = refusal(
        book,
        entry(
            4,
            "agreement_ended",
            "2016-08-01",
            agreement="deal",
            end_reason="superseded",
            superseded_by="later",
        ),
    )
    assert "after this end" in error.errors["superseded_by"][0]


@pytest.mark.parametrize(
    ("event_type", "fields", "field"),
    [
        (
            "agreement_signed",
            {
                "agreement": "deal",
                "title": "Deal",
                "stage": "ceasefire",
                "signatories": ["hnc"],
                "takes_effect_on": "2016-01-01",
            },
            "takes_effect_on",
        ),
        (
            "agreement_signed",
            {"agreement": "deal", "title": "Deal", "stage": "truce", "signatories": ["hnc"]},
            "stage",
        ),
        ("agreement_ended", {"agreement": "deal", "end_reason": "denounced"}, "causes"),
        ("agreement_ended", {"agreement": "deal", "end_reason": "superseded"}, "superseded_by"),
        (
            "referendum_held",
            {"agreement": "deal", "result": "approved", "yes_share": 60, "no_share": 50},
            "no_share",
        ),
        (
            "agreement_ratified",
            {"agreement": "deal", "body": "Senate", "result": "approved", "votes_for": -1},
            "votes_for",
        ),
        ("agreement_breach_alleged", {"agreement": "deal", "alleged_by": ["hnc"]}, "causes"),
        ("third_party_joined", {"actor": "cuba", "role": "mediator"}, "role"),
    ],
)
def test_impossible_bodies_are_refused_by_their_models(
    event_type: str, fields: dict[str, Any], field: str
) -> None:
    model = AGREEMENT_BODIES[event_type]
    with pytest.raises(ValidationError) as raised:
        model.model_validate({"occurred_on": "2016-02-01", "sources": [SOURCE], **fields})
    # A model-wide rule names its field in the error's context; a field's own rule in its loc.
    named = {(e.get("ctx") or {}).get("field") or e["loc"][0] for e in raised.value.errors()}
    assert field in named


def test_an_agreement_with_no_signatory_reported_is_held_as_such() -> None:
    """The Yemen sheet's cessation of hostilities of 23 March 2016: "the parties to the
    conflict have agreed" (the envoy); no signed text, no signatory seen."""
    body = {"agreement": "cessation", "title": "Cessation", "stage": "ceasefire"}
    for given in ({}, {"signatories": []}):
        fields = {**body, **given, "occurred_on": "2016-03-23", "sources": [SOURCE]}
        parsed = parse_body("agreement_signed", fields)
        assert parsed["signatories"] == []
    book = Agreements()
    take(book, signing(2, "cessation", "2016-03-23", signatories=[], concluded="agreed"))
    assert book.by_slug["cessation"].signatories == ()
    take(book, entry(3, "agreement_took_effect", "2016-04-10", agreement="cessation"))
    assert book.by_slug["cessation"].status_on(date(2016, 4, 11)) == "in_force"


def test_an_agreement_event_needs_a_source() -> None:
    with pytest.raises(ValidationError, match="needs at least one source"):
        AGREEMENT_BODIES["agreement_took_effect"].model_validate(
            {"occurred_on": "2016-02-27", "agreement": "deal", "sources": []}
        )


def test_a_third_party_holds_each_role_once_and_is_no_party() -> None:
    book = Agreements()
    take(book, entry(2, "third_party_joined", "2012-08-26", actor="cuba", role="guarantor"))
    take(book, entry(3, "third_party_joined", "2012-08-26", actor="cuba", role="host"))
    assert book.third_parties == {"cuba": ["guarantor", "host"]}
    again = entry(4, "third_party_joined", "2012-08-26", actor="cuba", role="host")
    assert "already a host" in refusal(book, again).errors["actor"][0]
    party = entry(4, "third_party_joined", "2012-08-26", actor="farc-ep", role="observer")
    with pytest.raises(InvalidEvent, match="party to the talks"):
        book.check(party, parties={"farc-ep": "active"})


def test_a_copy_does_not_change_with_the_original(havana: Agreements) -> None:
    copy = havana.copy()
    take(havana, signing(4, "revised", "2016-11-24", supersedes="final-agreement"))
    assert "revised" not in copy.by_slug
    assert copy.by_slug["final-agreement"].superseded_by == ""
