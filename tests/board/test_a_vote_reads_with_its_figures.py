"""A vote on the agreements page: a ratification with its count, a referendum with the shares
it gives (yes, no, turnout: the order and the words of the timeline's line, which wrote them
the other way round beside it; none, no brackets)."""

from __future__ import annotations

from django.utils import translation

from board.agreement_items import vote_text

REFERENDUM = {"kind": "referendum", "occurred_on": "2016-10-02", "result": "rejected"}


def test_a_referendum_reads_with_the_shares_it_gives():
    shares = {"no_share": 50.21, "yes_share": 49.78, "turnout": 37.41}
    assert vote_text({**REFERENDUM, **shares}) == (
        "Referendum, 2 Oct 2016: rejected (yes 49.78 %, no 50.21 %, turnout 37.41 %)"
    )
    assert vote_text({**REFERENDUM, "yes_share": 49.78}) == (
        "Referendum, 2 Oct 2016: rejected (yes 49.78 %)"
    )
    assert vote_text(REFERENDUM) == "Referendum, 2 Oct 2016: rejected"


def test_a_ratification_reads_with_its_count():
    vote = {
        "kind": "ratification",
        "body": "Senate of Colombia",
        "occurred_on": "2016-11-29",
        "result": "approved",
        "votes_for": 75,
        "votes_against": 0,
    }
    # The body's name isolated: a Latin name in an Arabic line keeps its own order, and the
    # day its month ("26 فبراير", not "26" on one side of the name and the month on the other).
    assert vote_text(vote) == "\u2068Senate of Colombia\u2069, 29 Nov 2016: approved 75-0"
    with translation.override("ar"):
        assert vote_text(vote).startswith("\u2068Senate of Colombia\u2069، 29 نوفمبر")
        # The count kept left to right: after Arabic words its digits are Arabic numbers,
        # which the hyphen does not join, and "75-0" showed as "0-75" (75 against).
        assert vote_text(vote).endswith(" \u206675-0\u2069")


def test_a_ratification_s_count_reads_in_order_in_every_arabic_telling(client, geneva):
    """The timeline's line and the feed tell the count with the domain's teller: the same
    isolation there (the Havana demo's Senate and House votes, 75-0 and 130-0)."""
    page = client.get("/ar/processes/colombia-farc-talks-havana/").content.decode()
    assert "\u206675-0\u2069" in page
    assert "\u2066130-0\u2069" in page
    english = client.get("/processes/colombia-farc-talks-havana/").content.decode()
    assert "75-0" in english
    assert "\u2066" not in english
