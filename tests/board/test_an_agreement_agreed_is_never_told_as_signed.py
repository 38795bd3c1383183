"""An agreement the parties agreed to with no signing reported (`concluded: "agreed"`) is
never told as signed: the Sudan fact sheet's 24-hour and 72-hour ceasefires of June 2023,
announced by the facilitators as agreed, and the Joint Statement of Commitments of 7 November
2023 (PA-X: "Not signed"). The demo records them so; the board, its feeds, the calendar and
the API say "agreed", and an agreement recorded without the field is signed, as every one
stored before it."""

from __future__ import annotations

import re

import icalendar

from tests.api.recording import opened_over_http, recorded, refused
from tests.board.conftest import text

SUDAN = "sudan-talks-jeddah"
ETHIOPIA = "ethiopia-tplf-talks-pretoria"
AGREED = (
    "ceasefire-24-hours-2023",
    "ceasefire-72-hours-2023",
    "joint-statement-of-commitments-2023",
)


def row(page: str, slug: str) -> str:
    found = re.search(rf'<tr id="agreement-{slug}">(.*?)</tr>', page)
    assert found, slug
    return found.group(1)


def test_the_demo_s_agreed_ceasefires_and_statement_are_not_signed_on_the_board(client, geneva):
    page = text(client, f"/processes/{SUDAN}/")
    for slug in AGREED:
        agreed = row(page, slug)
        assert "Agreed by \u2068" in agreed, slug
        assert "no signing reported" in agreed, slug
        assert "Signed by" not in agreed, slug
    assert ">Agreed</span>" in row(page, "joint-statement-of-commitments-2023")
    signed = row(page, "jeddah-declaration-2023")
    assert "Signed by \u2068" in signed
    assert "Agreed by" not in signed
    assert ">Signed or agreed</th>" in page

    french = text(client, f"/fr/processes/{SUDAN}/")
    assert "Convenu par \u2068" in row(french, "joint-statement-of-commitments-2023")
    assert ">Convenu</span>" in row(french, "joint-statement-of-commitments-2023")


def test_the_feeds_and_the_calendar_say_agreed(client, geneva):
    atom = text(client, f"/processes/{SUDAN}/agreements.atom")
    # The title as every name someone wrote: isolated (U+2068 ... U+2069).
    title = "\u206824-hour countrywide ceasefire\u2069"
    assert f"Agreed (no signing reported): {title} (ceasefire)" in atom
    assert "Signed: \u206824-hour" not in atom
    assert "Agreement signed" not in atom  # the type's name too: "Agreement concluded"
    assert "Signed: \u2068Jeddah Declaration" in atom
    french = text(client, f"/processes/{SUDAN}/agreements.atom", lang="fr")
    assert "Convenu (aucune signature rapportée) : \u206872-hour ceasefire" in french

    response = client.get(f"/processes/{SUDAN}/calendar.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    told = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    [ceasefire] = [d for s, d in told.items() if "24-hour countrywide ceasefire" in s]
    assert ceasefire.startswith(
        "Agreed on 9 June 2023 (no signing reported), to take effect on 10 June 2023."
    ), ceasefire


def test_the_api_says_how_each_agreement_was_concluded(client, geneva):
    found = client.get(f"/api/v1/processes/{SUDAN}/agreements/").json()["results"]
    concluded = {a["agreement"]: a["concluded"] for a in found}
    assert {slug for slug, how in concluded.items() if how == "agreed"} == set(AGREED)
    assert concluded["jeddah-declaration-2023"] == "signed"
    on_date = client.get(f"/api/v1/processes/{SUDAN}/status/", {"as_of": "2023-06-10"}).json()
    listed = {a["agreement"]: a["concluded"] for a in on_date["agreements"]}
    assert listed["ceasefire-24-hours-2023"] == "agreed"


def test_an_agreed_agreement_is_not_coded_as_a_signing(client, geneva):
    """CAMEO 057 is "Sign formal agreement": the unsigned Joint Statement (a pre-negotiation
    text) is coded as an intent to negotiate, the agreed ceasefires as a truce declared (as a
    signed one is); talks concluded with an agreement are no signing either (the signing is
    the agreement's own event)."""
    events = client.get(f"/api/v1/processes/{SUDAN}/events/", {"page_size": 100}).json()
    coded = {
        e["agreement"]: (e["cameo"], e["plover"])
        for e in events["results"]
        if e["type"] == "agreement_signed"
    }
    # A pre-negotiation text (PA-X "Pre"): an intent to meet or negotiate.
    assert coded["joint-statement-of-commitments-2023"] == ("036", "AGREE")
    assert coded["ceasefire-24-hours-2023"] == ("0871", "RETREAT")
    assert coded["jeddah-declaration-2023"] == ("057", "AGREE")  # signed
    pretoria = client.get(f"/api/v1/processes/{ETHIOPIA}/events/", {"page_size": 100}).json()
    concluded = [e for e in pretoria["results"] if e["type"] == "talks_concluded"]
    assert [(e["outcome"], e["cameo"]) for e in concluded] == [("agreement", "037")] * 2


def test_recorded_over_http_agreed_or_signed_and_nothing_else(editor_api, actors):
    slug = opened_over_http(editor_api)
    fields = {"title": "Truce", "stage": "ceasefire", "signatories": ["russia", "turkey"]}
    agreed = recorded(
        editor_api,
        slug,
        "agreement_signed",
        "2016-02-22",
        agreement="a",
        concluded="agreed",
        **fields,
    )
    assert agreed["concluded"] == "agreed"
    recorded(editor_api, slug, "agreement_signed", "2016-02-23", agreement="b", **fields)
    found = editor_api.get(f"/api/v1/processes/{slug}/agreements/").json()["results"]
    assert {a["agreement"]: a["concluded"] for a in found} == {"a": "agreed", "b": "signed"}

    status, error = refused(
        editor_api,
        slug,
        "agreement_signed",
        "2016-02-24",
        agreement="c",
        concluded="initialled",
        **fields,
    )
    assert status == 400
    assert "concluded" in error["errors"], error


def test_the_status_filter_says_signed_or_agreed(client, geneva):
    """The filter's "signed" lists agreements agreed with no signing too: it says both."""
    page = text(client, "/agreements/")
    assert '<option value="signed">Signed or agreed</option>' in page
    listed = text(client, "/agreements/", status="signed")
    assert 'id="agreement-ceasefire-24-hours-2023"' not in listed  # ended since
    assert 'id="agreement-joint-statement-of-commitments-2023"' in listed


def test_an_entry_whose_title_holds_its_date_still_begins_with_it(client, editor_api, actors):
    """The feed left out an entry's date where its text held it, to spare "In force from 10
    June 2023" its day twice; a title holding the day ("… (22 February 2016)") lost it too (an
    analyst's outside test)."""
    slug = opened_over_http(editor_api)
    recorded(
        editor_api,
        slug,
        "agreement_signed",
        "2016-02-22",
        agreement="truce",
        title="Truce (22 February 2016)",
        stage="ceasefire",
        signatories=["russia", "turkey"],
    )

    atom = text(client, f"/processes/{slug}/agreements.atom")

    assert "22 February 2016. Signed: \u2068Truce (22 February 2016)\u2069" in atom, atom
