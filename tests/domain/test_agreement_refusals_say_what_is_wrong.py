"""An agreement's refusals say what is wrong: a date in words as the signing's, and a step
backfilled after a later one refused for its date with how to add it, where it could have come
first; where it could not (a second end), the lifecycle's 409."""

from __future__ import annotations

import pytest

from negotiations.domain.agreement_lifecycle import AgreementTransitionRefused
from negotiations.domain.agreements import Agreements
from negotiations.domain.errors import InvalidEvent
from tests.domain.test_agreement_lifecycle import entry, signing, take


def test_a_date_before_the_signing_is_told_in_words_as_the_signing_s() -> None:
    """A refusal named the event's date as sent ("2016-07-24") and the signing's in words
    ("24 August 2016") in one sentence; both are in words, the reader's own in each language."""
    book = Agreements()
    take(book, signing(2, "deal", "2016-08-24"))
    too_early = entry(3, "agreement_ended", "2016-07-24", agreement="deal", end_reason="expired")
    with pytest.raises(InvalidEvent) as refusal:
        book.check(too_early)
    assert refusal.value.errors["occurred_on"] == [
        "24 July 2016 is before the agreement 'deal' was signed (24 August 2016)."
    ]


def test_a_step_backfilled_after_a_later_one_is_refused_for_its_order() -> None:
    """Jeddah, 2023: the extension's end (3 June) recorded, then when it took effect (29
    May). It was refused as "ended: allowed now: none" (a French and Russian analyst's
    outside test); its date is what stands in the way, and the refusal says how to add it."""
    book = Agreements()
    take(book, signing(2, "extension", "2023-05-29", stage="ceasefire"))
    take(
        book, entry(3, "agreement_ended", "2023-06-03", agreement="extension", end_reason="expired")
    )
    with pytest.raises(InvalidEvent) as refusal:
        book.check(entry(4, "agreement_took_effect", "2023-05-29", agreement="extension"))
    [said] = refusal.value.errors["occurred_on"]
    assert said.startswith("29 May 2023 is before the agreement's latest change (3 June 2023)")
    assert "retract the later change, then record both in order" in said


def test_a_step_the_later_change_could_not_follow_is_refused_as_a_move() -> None:
    """A second end dated before the first, or a "no" vote before the end: neither could be
    followed by the end recorded, so "retract and record both in order" would be wrong advice
    (a review): the lifecycle's 409, as before."""
    book = Agreements()
    take(book, signing(2, "deal", "2016-03-01", stage="ceasefire"))
    take(book, entry(3, "agreement_took_effect", "2016-03-02", agreement="deal"))
    take(book, entry(4, "agreement_ended", "2016-03-10", agreement="deal", end_reason="expired"))
    again = entry(5, "agreement_ended", "2016-03-05", agreement="deal", end_reason="expired")
    no = {"agreement": "deal", "result": "rejected", "yes_share": 40, "no_share": 60}
    for step in (again, entry(5, "referendum_held", "2016-03-05", **no)):
        with pytest.raises(AgreementTransitionRefused):
            book.check(step)
