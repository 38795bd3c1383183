"""What a feed subscriber's outside test found with real clients (feedparser, icalendar,
vobject): a 304 without the 200's validators and caching headers, a calendar name cut at its
first comma, a calendar told "not modified" after its process was given a name, and an empty
Atom feed claiming to have changed at every request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
import time_machine

from tests.board.conftest import second_over
from tests.factories import record

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.mark.parametrize(
    "url", ["/", GENEVA, GENEVA + "feed.atom", GENEVA + "calendar.ics", "/feeds/agreements.atom"]
)
def test_a_304_carries_what_the_200_carried(client, geneva, url, settled):
    full = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(url, HTTP_IF_NONE_MATCH=full["ETag"], HTTP_ACCEPT_ENCODING="gzip")
    assert again.status_code == 304
    for header in ("ETag", "Last-Modified", "Cache-Control"):
        assert again[header] == full[header], header
    assert set(again["Vary"].split(", ")) >= {"Cookie", "Accept-Encoding"}


def test_a_calendar_name_with_commas_is_read_whole(app, geneva, client):
    with time_machine.travel(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), tick=False):
        record(app, geneva.pk, "name_given", "2016-02-02", language="en", name="Geneva, round; 3")
    text = client.get(GENEVA + "calendar.ics").content.decode()
    assert "X-WR-CALNAME:\u2068Geneva\\, round\\; 3\u2069: talks and resumptions" in text


def test_a_name_given_moves_the_calendar_s_last_modified(app, geneva, client, settled):
    held = client.get(GENEVA + "calendar.ics")["Last-Modified"]
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1), tick=False):
        record(app, geneva.pk, "name_given", "2016-02-02", language="en", name="Geneva round 3")
    answer = client.get(GENEVA + "calendar.ics", HTTP_IF_MODIFIED_SINCE=held)
    assert answer.status_code == 200
    assert "Geneva round 3" in answer.content.decode()


@pytest.mark.parametrize("feed", ["feed.atom", "agreements.atom"])
def test_an_empty_atom_feed_is_as_old_as_its_process(client, opened, feed, settled):
    url = f"/processes/{opened['slug']}/{feed}"
    first = client.get(url)
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=3)):
        second = client.get(url)
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content  # one strong ETag, one set of bytes
    parsed = feedparser.parse(first.content)
    assert parsed.entries == []
    updated = datetime(*parsed.feed.updated_parsed[:6], tzinfo=UTC)
    assert updated.strftime("%a, %d %b %Y %H:%M:%S GMT") == first["Last-Modified"]


def test_the_arabic_agreements_feed_reads_right_to_left(client, geneva):
    parsed = feedparser.parse(client.get("/ar/feeds/agreements.atom").content)
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.summary.startswith('<div dir="rtl">'), entry.summary[:80]


def test_the_agreements_feeds_are_found_where_the_others_are(client, geneva):
    """They were linked from nowhere but the README: no <link rel="alternate">, not on the
    Subscribe page."""
    for page, feed in (
        ("/agreements/", "/feeds/agreements.atom"),
        (GENEVA, GENEVA + "agreements.atom"),
        ("/ar/", "/ar/feeds/agreements.atom"),
    ):
        html = client.get(page).content.decode()
        assert 'type="application/atom+xml" title="' in html
        assert f'href="{feed}"' in html.split("</head>")[0], page
    subscribe = client.get("/subscribe/", {"process": "intra-syrian-talks-geneva"})
    assert f"{GENEVA}agreements.atom</a>" in subscribe.content.decode()
    assert client.get(GENEVA + "agreements.atom").status_code == 200


def test_a_refused_lang_is_repeated_short_and_without_its_controls(client, geneva):
    long = client.get("/feeds/agreements.atom", {"lang": "x" * 5000})
    assert long.status_code == 400
    assert len(long.content) < 1000
    assert "x" * 40 + "…" in long.content.decode()
    reversing = client.get("/calendar.ics", {"lang": "\u202een"})
    assert reversing.status_code == 400
    assert "\u202e" not in reversing.content.decode()
    assert "\\u202een" in reversing.content.decode()


def test_a_304_repeats_the_tag_as_the_reader_holds_it(client, geneva, staff):
    """A signed-in reader's pages are not compressed (their 200's tag is strong); the 304
    assumed gzip whenever it was accepted (a review)."""
    client.force_login(staff)
    full = client.get(GENEVA, HTTP_ACCEPT_ENCODING="gzip")
    assert not full["ETag"].startswith("W/")
    again = client.get(GENEVA, HTTP_IF_NONE_MATCH=full["ETag"], HTTP_ACCEPT_ENCODING="gzip")
    assert (again.status_code, again["ETag"]) == (304, full["ETag"])


@pytest.mark.parametrize(
    "url", ["/calendar.ics", "/feeds/status-changes.atom", GENEVA + "agreements.atom"]
)
def test_a_feed_posted_to_answers_405(url, db):
    from django.test import Client

    answer = Client(enforce_csrf_checks=True).post(url)
    assert answer.status_code == 405
    assert set(answer["Allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize(
    "url", [GENEVA + "feed.atom", GENEVA + "calendar.ics", "/feeds/agreements.atom", "/", GENEVA]
)
def test_a_renamed_actor_moves_last_modified(client, geneva, url, settled):
    """The names shown changed, and the ETag with them; Last-Modified did not, and a reader
    sending only If-Modified-Since was told 304 with the old name."""
    from negotiations.write.models import Actor

    held = client.get(url)["Last-Modified"]
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2), tick=False):
        envoy = Actor.objects.get(slug="staffan-de-mistura")
        envoy.name = "Staffan de Mistura (renamed)"
        envoy.save()
        with second_over():
            answer = client.get(url, HTTP_IF_MODIFIED_SINCE=held)
    assert answer.status_code == 200
    assert answer["Last-Modified"] != held


def test_an_empty_feed_s_updated_follows_a_renamed_actor_as_its_last_modified(client, opened):
    from negotiations.write.models import Actor

    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2), tick=False):
        envoy = Actor.objects.get(slug="staffan-de-mistura")
        envoy.name = "Staffan de Mistura (renamed)"
        envoy.save()
        with second_over():
            answer = client.get(f"/processes/{opened['slug']}/agreements.atom")
    updated = datetime(*feedparser.parse(answer.content).feed.updated_parsed[:6], tzinfo=UTC)
    assert updated.strftime("%a, %d %b %Y %H:%M:%S GMT") == answer["Last-Modified"]
