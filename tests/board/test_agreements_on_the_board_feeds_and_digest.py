"""The issue's dated answers come through the board, the Atom twin feed and the calendar
too (the digest: tests/digests/test_agreements_in_the_digests_of_those_weeks.py), on the
demo's five processes: Geneva on 28 February 2016 paused with the cessation of hostilities in
force since the 27th; Havana on 3 October 2016 with the August
agreement rejected by the referendum; on 1 December 2016 the revised agreement ratified by
both chambers, with the votes, superseding the first."""

from __future__ import annotations

import html
from datetime import date

import icalendar

from negotiations.read.models import Process
from tests.board.conftest import text

GENEVA, HAVANA = "intra-syrian-talks-geneva", "colombia-farc-talks-havana"


def test_the_board_tells_the_three_dates(client, geneva):
    geneva_page = text(client, f"/processes/{GENEVA}/", as_of="2016-02-28")
    assert "badge-paused" in geneva_page.split('id="status-on-date"')[1][:400]
    cessation = "Cessation of hostilities in Syria (terms of the ISSG co-chairs)"
    assert f"{cessation}</bdi>: in force since 27 Feb 2016" in geneva_page

    october = text(client, f"/processes/{HAVANA}/", as_of="2016-10-03")
    assert (
        "Build a Stable and Lasting Peace</bdi>: rejected by the referendum, 2 Oct 2016." in october
    )

    december = text(client, f"/processes/{HAVANA}/", as_of="2016-12-01")
    assert (
        "New Final Agreement to End the Armed Conflict and Build a Stable and Lasting Peace</bdi>: "
        "signed 24 Nov 2016; \u2068Senate of Colombia\u2069, 29 Nov 2016: approved 75-0; "
        "\u2068House of Representatives of Colombia\u2069, 30 Nov 2016: approved 130-0." in december
    )
    assert (
        "rejected by the referendum, 2 Oct 2016; superseded by \u2068New Final Agreement"
        in december
    )


def test_the_front_page_lists_the_five_processes_with_their_agreements(client, geneva):
    page = text(client, "/")
    for process in Process.objects.all():
        assert process.name in page
    assert Process.objects.count() == 5
    assert "Jeddah Declaration of Commitment to Protect the Civilians of Sudan" in page
    agreements = text(client, "/agreements/")
    assert agreements.count('<tr id="agreement-') == 14


def test_the_atom_feed_and_the_calendar(client, geneva):
    atom = text(client, f"/processes/{HAVANA}/agreements.atom")
    # Each agreement by its title, isolated (the slug said nothing to a reader).
    final = "Final Agreement to End the Armed Conflict and Build a Stable and Lasting Peace"
    assert (
        f"Referendum on \u2068{final}\u2069: rejected (yes 49.78 %, no 50.21 %, turnout 37.41 %)."
        in atom
    )
    assert f"\u2068Senate of Colombia\u2069 approved \u2068New {final}\u2069 (75-0)." in atom
    assert "Referendum on final-agreement-2016" not in atom
    calendar = icalendar.Calendar.from_ical(client.get(f"/processes/{GENEVA}/calendar.ics").content)
    # The day it is to take effect, said as a plan: nothing recorded yet says it did (an
    # analyst read "In force" on a ceasefire that never took effect).
    in_force = "Takes effect: \u2068Cessation"  # the title isolated
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith(in_force)]
    assert event.decoded("DTSTART") == date(2016, 2, 27)
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_corrected_or_retracted_agreement_event_is_updated_in_the_atom_feed(app, client, geneva):
    """A feed reader fetches an entry again only when its `updated` moves (RFC 4287): a
    corrected vote, or a retracted one, must move it, or the reader keeps the first telling."""
    from xml.etree import ElementTree

    from django.utils.dateparse import parse_datetime

    from negotiations.read.models import TimelineEntry
    from tests.factories import correct

    atom = "{http://www.w3.org/2005/Atom}"
    havana = Process.objects.get(slug=HAVANA)
    senate, house = (
        TimelineEntry.objects.get(process=havana, type="agreement_ratified", occurred_on=day)
        for day in ("2016-11-29", "2016-11-30")
    )

    def updated() -> dict[str, str]:
        feed = ElementTree.fromstring(client.get(f"/processes/{HAVANA}/agreements.atom").content)
        return {
            e.find(f"{atom}link").get("href").rsplit("-", 1)[1]: e.find(f"{atom}updated").text
            for e in feed.iter(f"{atom}entry")
        }

    before = updated()
    correct(app, havana.id, senate.sequence, "2016-12-02", reason="Recount", votes_for=74)
    app.retract_event(
        havana.id, occurred_on="2016-12-02", retracts=house.sequence, reason="Test", recorded_by="x"
    )
    after = updated()
    senate.refresh_from_db()
    house.refresh_from_db()
    moved = {
        str(senate.sequence): senate.corrections[-1]["recorded_at"],
        str(house.sequence): house.retraction["recorded_at"],
    }
    for sequence, amended_at in moved.items():
        assert parse_datetime(after[sequence]) == parse_datetime(amended_at), sequence
        assert after[sequence] != before[sequence]
    unchanged = set(before) - set(moved)
    assert unchanged
    assert all(after[s] == before[s] for s in unchanged)
    # And each entry says what was amended and why (the retracted vote read as a vote held, the
    # corrected one as first told, with no word of either: an analyst's outside test).
    summaries = {
        e.find(f"{atom}link").get("href").rsplit("-", 1)[1]: e.find(f"{atom}summary").text
        for e in ElementTree.fromstring(
            client.get(f"/processes/{HAVANA}/agreements.atom").content
        ).iter(f"{atom}entry")
    }
    retraction = house.retraction["sequence"]
    assert summaries[str(house.sequence)].startswith(
        f"Retracted by #{retraction}: \u2068Test\u2069."
    )
    correction = senate.corrections[-1]["sequence"]
    assert f"Corrected by #{correction}: \u2068Recount\u2069." in summaries[str(senate.sequence)]
    assert "(74-0)" in summaries[str(senate.sequence)]


def test_the_timeline_names_each_agreement_by_its_title(client, geneva):
    page = text(client, f"/processes/{HAVANA}/")
    final = "Final Agreement to End the Armed Conflict and Build a Stable and Lasting Peace"
    assert f"Referendum on \u2068{final}\u2069: rejected" in page
    assert "Referendum on final-agreement-2016" not in page


def test_an_alleged_breach_s_entry_says_its_stated_cause(client, geneva):
    """The Atom entry of an alleged breach said who alleged it against whom, not why (an
    analyst's outside test: the TPLF's cause against Eritrea was on the board only)."""
    atom = text(client, "/processes/ethiopia-tplf-talks-pretoria/agreements.atom")
    atom = html.unescape(html.unescape(atom))  # as a reader shows the entry's HTML

    assert (
        "Cause (Military escalation), stated by \u2068Tigray People's Liberation Front" in atom
    ), atom
    assert "sending new army units into Tigray territory" in atom
