"""A feed reader keeps an address, not its reader's browser language: the Atom feeds and the
calendars take `?lang=` (or a language prefix), their titles and summaries in it, and say so;
a language the tracker does not speak is a 400 that names the six."""

import feedparser
import icalendar
import pytest

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
    assert "\u2068Intra-Syrian talks (Geneva)\u2069 : en cours → en pause" in titles
    summaries = " ".join(e.summary for e in feed.entries)
    assert "Causes invoquées :" in summaries
    assert "invoquée par" in summaries


def test_the_atom_feed_by_its_prefix_and_its_etag(client, geneva):
    arabic = client.get("/ar" + GENEVA + "feed.atom")
    english = client.get(GENEVA + "feed.atom")
    assert feedparser.parse(arabic.content).feed.title == (
        "تغيّرات الحالة: Intra-Syrian talks (Geneva)"
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
        s.startswith(("Conversaciones", "Reanudación prevista: ", "En vigor: ")) for s in summaries
    )
    english = client.get("/calendar.ics")
    assert response["ETag"] != english["ETag"]


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


def test_the_subscribe_page_gives_the_addresses_in_its_language(client, geneva):
    html = client.get("/ru/subscribe/").content.decode()
    assert 'value="http://testserver/ru/feeds/status-changes.atom"' in html
    assert "webcal://testserver/ru/calendar.ics" in html
