"""The board's "Subscribe" leads to a page, not to raw XML or a file download: how to add the
Atom feed to a reader and the calendar to Google, Apple or Outlook, with a `webcal:` link;
one for every process and one per process. Every board page also offers the site-wide
calendar as `rel=alternate`, beside the Atom feed."""

import re

GENEVA = "/processes/intra-syrian-talks-geneva/"


def test_the_board_links_the_subscribe_page_and_offers_both_feeds(client, geneva):
    html = client.get("/").content.decode()
    assert 'href="/subscribe/"' in html
    assert re.search(r'<link rel="alternate" type="text/calendar"[^>]* href="/calendar.ics">', html)
    atom = r'<link rel="alternate" type="application/atom\+xml"[^>]* href="/feeds/[^"]+.atom">'
    assert re.search(atom, html)
    # The visible links lead to the page that explains, not to the raw files.
    visible = html.split("</head>")[1]
    assert 'href="/calendar.ics"' not in visible
    assert 'href="/feeds/status-changes.atom"' not in visible


def test_the_subscribe_page_explains_readers_and_calendars(client, db):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="http://testserver/feeds/status-changes.atom"' in html
    assert 'value="http://testserver/calendar.ics"' in html
    assert 'href="webcal://testserver/calendar.ics"' in html
    for app in ("Google Calendar", "Apple Calendar", "Outlook", "feed reader"):
        assert app in html, app
    assert "cid=webcal%3A%2F%2Ftestserver%2Fcalendar.ics" in html  # Google's subscribe link


def test_a_process_has_its_own_subscribe_page(client, geneva):
    html = client.get(GENEVA).content.decode()
    assert 'href="/subscribe/?process=intra-syrian-talks-geneva"' in html
    page = client.get("/subscribe/", {"process": "intra-syrian-talks-geneva"}).content.decode()
    assert "Intra-Syrian talks (Geneva)" in page
    assert f'href="webcal://testserver{GENEVA}calendar.ics"' in page
    assert f'value="http://testserver{GENEVA}feed.atom"' in page


def test_an_unknown_process_has_no_subscribe_page(client, db):
    assert client.get("/subscribe/", {"process": "atlantis"}).status_code == 404


def test_the_addresses_follow_site_url(client, db, settings):
    settings.SITE_URL = "https://tracker.example.org"
    html = client.get("/subscribe/").content.decode()
    assert 'href="webcal://tracker.example.org/calendar.ics"' in html
    assert 'value="https://tracker.example.org/feeds/status-changes.atom"' in html
