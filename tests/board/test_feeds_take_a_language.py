"""A feed reader keeps an address, not its reader's browser language: the Atom feeds and the
calendars take `?lang=` (or a language prefix), their titles and summaries in it, and say so;
a language the tracker does not speak is a 400 that names the six."""

import re

import feedparser
import icalendar
import pytest

from tests.factories import record

GENEVA = "/processes/intra-syrian-talks-geneva/"


def test_the_atom_feed_in_french(client, geneva):
    response = client.get("/feeds/status-changes.atom", {"lang": "fr"})
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "Changements de statut de tous les processus de paix"
    titles = [e.title for e in feed.entries]
    # The name isolated for the bidirectional algorithm (a feed title is plain text).
    assert "\u2068Intra-Syrian talks (Geneva)\u2069\u00a0: en cours → en pause" in titles
    summaries = " ".join(e.summary for e in feed.entries)
    assert "Causes invoquées\u00a0:" in summaries
    assert "invoquée par" in summaries
    # The summary says the change as its title does, in lower case after its colon (it said
    # "n° 11 : En cours → En pause" under "…: en cours → en pause").
    assert "\u00a0: en cours → en pause" in summaries
    assert "En cours → En pause" not in summaries


def test_an_agreement_entry_begins_with_a_capital(client, geneva):
    """The agreements feed's text begins with the event's date: "novembre 2022. Violation…"
    began its first sentence in lower case in French and Spanish."""
    for language in ("fr", "es"):
        feed = feedparser.parse(client.get("/feeds/agreements.atom", {"lang": language}).content)
        firsts = {e.summary.lstrip()[:1] for e in feed.entries}
        assert firsts, language
        assert all(first.isupper() or first.isdigit() for first in firsts), (language, firsts)


def test_an_agreement_entry_says_its_day_once(client, geneva):
    """ "10 juin 2023. En vigueur à compter du 10 juin 2023 : …" gave the day twice."""
    feed = feedparser.parse(client.get("/feeds/agreements.atom", {"lang": "fr"}).content)
    in_force = [e.summary for e in feed.entries if "En vigueur à compter du" in e.summary]
    assert in_force
    for summary in in_force:
        day = re.search(r"En vigueur à compter du (1er|\d+) (\w+) (\d{4})", summary)
        assert day, summary
        assert summary.count(f"{day[1]} {day[2]} {day[3]}") == 1, summary


def test_in_arabic_a_change_points_the_way_it_reads(client, geneva):
    """Right to left, the status before a change stands on the right: the arrow points left,
    from it to the status after (an analyst read "active -> paused" backwards)."""
    feed = feedparser.parse(client.get("/feeds/status-changes.atom", {"lang": "ar"}).content)
    titles = [e.title for e in feed.entries]
    assert titles
    assert all("→" not in t for t in titles), titles
    assert any("←" in t for t in titles), titles
    # The entry's text too (a newcomer found "جارية → معلّقة" under "جارية ← معلّقة").
    summaries = [e.summary for e in feed.entries]
    assert all("→" not in s for s in summaries), summaries[0]
    assert any("←" in s for s in summaries), summaries[0]
    # Its direction said in the entry itself: most readers drop the feed's xml:lang, and
    # showed Arabic paragraphs left-aligned (an Arabic reader's outside test).
    assert all(s.startswith('<div dir="rtl">') for s in summaries), summaries[0]


def test_the_atom_feed_by_its_prefix_and_its_etag(client, geneva):
    arabic = client.get("/ar" + GENEVA + "feed.atom")
    english = client.get(GENEVA + "feed.atom")
    # The feed's own title isolates the name as its entries' titles do.
    assert feedparser.parse(arabic.content).feed.title == (
        "تغيّرات الحالة: \u2068Intra-Syrian talks (Geneva)\u2069"
    )
    assert arabic["ETag"] != english["ETag"]
    assert client.get(GENEVA + "feed.atom", {"lang": "ar"}).content == arabic.content


def test_the_calendar_in_spanish(client, geneva):
    response = client.get("/calendar.ics", {"lang": "es"})
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Próximas conversaciones de paz"
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries
    assert all(
        s.startswith(("Conversaciones", "Reanudación prevista: ", "Entra en vigor: "))
        for s in summaries
    )
    english = client.get("/calendar.ics")
    assert response["ETag"] != english["ETag"]


ARABIC_NAME = "محادثات جنيف"


@pytest.fixture
def named_in_arabic(app, geneva):
    record(app, geneva.id, "name_given", "2016-03-01", language="ar", name=ARABIC_NAME)
    return geneva


@pytest.mark.parametrize("url", [GENEVA + "calendar.ics", "/calendar.ics"])
def test_the_calendar_names_and_dates_as_the_atom_feed_does(client, named_in_arabic, url):
    """The name given in the reader's language, isolated (U+2068...U+2069: plain text has no
    <bdi>), as in the Atom feed; the venue too; a date as the board and the feed write it in
    Arabic, not an ISO date beside a month in words."""
    calendar = icalendar.Calendar.from_ical(client.get(url, {"lang": "ar"}).content)
    isolated = f"\u2068{ARABIC_NAME}\u2069"
    if url != "/calendar.ics":
        assert isolated in str(calendar["X-WR-CALNAME"])
    events = list(calendar.walk("VEVENT"))
    geneva = [e for e in events if "intra-syrian-talks-geneva" in str(e["URL"])]
    assert geneva
    assert all(isolated in str(e["SUMMARY"]) for e in geneva), [str(e["SUMMARY"]) for e in geneva]
    assert "Intra-Syrian talks (Geneva)" not in " ".join(str(e["SUMMARY"]) for e in geneva)
    assert any("\u2068Geneva\u2069" in str(e["SUMMARY"]) for e in geneva)
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in geneva)
    assert "3 فبراير، 2016" in descriptions  # the pause's day
    told = [str(e["DESCRIPTION"]).split("\n")[0] for e in geneva]  # before the sources' URLs
    assert not [t for t in told if re.search(r"\d{4}-\d\d-\d\d", t)], told


@pytest.mark.parametrize("url", ["/feeds/status-changes.atom", "/calendar.ics"])
def test_an_unknown_language_is_refused(client, geneva, url):
    response = client.get(url, {"lang": "xx"})
    assert response.status_code == 400
    assert "ar, zh-hans, en, fr, ru, es" in response.content.decode()


@pytest.mark.parametrize("url", ["/feeds/status-changes.atom", "/calendar.ics"])
def test_a_language_tag_is_read_in_any_case(client, geneva, url):
    """BCP 47 tags are case-insensitive: zh-Hans, as most software writes it, is zh-hans."""
    mixed, lower = client.get(url, {"lang": "zh-Hans"}), client.get(url, {"lang": "zh-hans"})
    assert (mixed.status_code, mixed["Content-Language"]) == (200, "zh-hans")
    assert mixed["ETag"] == lower["ETag"]  # the calendar's bytes differ by DTSTAMP alone
    # And as other software writes Chinese (a reader pasting zh-CN was refused).
    for tag in ("zh", "zh-CN", "zh_Hans"):
        other = client.get(url, {"lang": tag})
        assert (other.status_code, other["ETag"]) == (200, lower["ETag"]), tag
    assert client.get(url, {"lang": "fr-CA"})["Content-Language"] == "fr"
    # Traditional Chinese is not what the tracker speaks: refused, not given Simplified.
    assert client.get(url, {"lang": "zh-TW"}).status_code == 400


def test_the_subscribe_page_gives_the_addresses_in_its_language(client, geneva):
    html = client.get("/ru/subscribe/").content.decode()
    assert 'value="http://testserver/ru/feeds/status-changes.atom"' in html
    assert "webcal://testserver/ru/calendar.ics" in html


def test_a_calendar_lists_sources_with_the_language_s_semicolon(client, geneva):
    """An Arabic or Chinese calendar separated an item's sources with a Latin ";"."""
    for language, semicolon in (("ar", "؛ "), ("zh-hans", "；")):
        calendar = icalendar.Calendar.from_ical(
            client.get("/calendar.ics", {"lang": language}).content
        )
        described = [str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")]
        listed = [d for d in described if semicolon in d]
        assert listed, (language, described[:3])
        assert not [d for d in described if "; " in d.split("\n")[-1]], language
