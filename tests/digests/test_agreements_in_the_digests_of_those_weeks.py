"""The digests of the weeks the issue names tell the agreements: Geneva's week of 22-28
February 2016 (signed, endorsed, in force), Havana's week of the plebiscite and its week of the
votes in Congress ("global, signed by ...; in force from ...")."""

from __future__ import annotations

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest
from negotiations.read.models import Process

HAVANA = "colombia-farc-talks-havana"


def test_the_digests_of_those_weeks(app, geneva, subscribe):
    havana = Process.objects.get(slug=HAVANA)
    subscription = subscribe(follow=[havana])

    (october,) = compose_digest(subscription, date(2016, 10, 2), date(2016, 10, 8)).reports
    (referendum,) = [a for a in october.agreements if a.type == "referendum_held"]
    assert referendum.title.startswith("Referendum: Final Agreement to End the Armed Conflict")
    assert referendum.detail == "The voters rejected it (yes 49.78 %, no 50.21 %, turnout 37.41 %)."

    december = compose_digest(subscription, date(2016, 11, 28), date(2016, 12, 4))
    (report,) = december.reports
    assert [a.detail for a in report.agreements] == [
        "Senate of Colombia approved (75-0).",
        "House of Representatives of Colombia approved (130-0).",
    ]
    _, plain, _ = render_digest(december, unsubscribe_url="https://example.org/u")
    assert "Agreements:" in plain
    assert "Ratification vote: New Final Agreement" in plain

    geneva_subscription = subscribe("g@example.org", follow=[geneva])
    (week,) = compose_digest(geneva_subscription, date(2016, 2, 22), date(2016, 2, 28)).reports
    assert [a.detail for a in week.agreements] == [
        # Its terms were announced by the co-chairs; no signing was reported. The heading
        # names it ("Agreement concluded: Cessation of hostilities…"): the detail does not again.
        "ceasefire, agreed by United States, Russia (no signing reported); to take effect on "
        "27 Feb 2016.",
        "UN Security Council (resolution 2268) approved.",
        # Its day is the item's, its title the heading's: "In force from 27 Feb 2016." said
        # the day twice (a second review of composed sentences).
        "",
    ]
    # Its title names the type by what it says of both ways: "concluded", not "signed".
    assert week.agreements[0].title.startswith("Agreement concluded: Cessation of hostilities")


def test_a_signed_agreement_s_line_names_it_once(app, geneva, subscribe):
    """ "Agreement concluded: Final Agreement…: Signed: Final Agreement… (comprehensive), by…"
    said the title twice under one heading (a review of composed sentences)."""
    havana = Process.objects.get(slug=HAVANA)
    subscription = subscribe(follow=[havana])
    (week,) = compose_digest(subscription, date(2016, 8, 22), date(2016, 8, 28)).reports
    (signed,) = [a for a in week.agreements if a.type == "agreement_signed"]
    assert signed.title == (
        "Agreement concluded: Final Agreement to End the Armed Conflict and Build a Stable and "
        "Lasting Peace"
    )
    assert signed.detail.startswith("comprehensive, signed by Humberto de la Calle"), signed.detail
    assert "Final Agreement" not in signed.detail
    # In the HTML digest too, the heading and its detail are joined as a sentence joins them.
    _, _, html = render_digest(
        compose_digest(subscription, date(2016, 8, 22), date(2016, 8, 28)),
        unsubscribe_url="https://example.org/u",
    )
    assert 'Lasting Peace</strong>: <span class="m">comprehensive, signed by' in html


def test_an_ended_agreement_s_detail_says_why_once(app, geneva, subscribe):
    """ "Agreement ended: <title>: Ended (expired)." said "ended" twice (a second review)."""
    sudan = Process.objects.get(slug="sudan-talks-jeddah")
    subscription = subscribe(follow=[sudan])
    (week,) = compose_digest(subscription, date(2023, 5, 29), date(2023, 6, 4)).reports
    ended = [a for a in week.agreements if a.type == "agreement_ended"]
    assert ended
    assert [a.detail for a in ended] == ["expired."] * len(ended), [a.detail for a in ended]
