"""The board's pages carry ETag and Last-Modified and answer 304 while nothing changed;
a new event changes both."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from board.http import settling_seconds
from tests.board.conftest import second_over
from tests.factories import cause, record

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        GENEVA,
        "/feeds/status-changes.atom",
        GENEVA + "feed.atom",
        "/calendar.ics",
        # A feed reader's outside test: these answered neither ETag nor Last-Modified.
        "/about/",
        "/subscribe/",
        "/fr/subscribe/?process=intra-syrian-talks-geneva",
    ],
)
def test_not_modified_until_something_is_recorded(client, app, geneva, url, settled):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert modified
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    # The demo's talks end suspended: a resumption is the status change they can take.
    record(app, geneva.pk, "talks_resumed", "2017-02-23")
    record(
        app, geneva.pk, "talks_scheduled", "2017-02-24", scheduled_for="2017-03-23", venue="Geneva"
    )
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


@pytest.mark.parametrize("url", ["/", GENEVA, "/about/"])
def test_a_page_that_says_what_today_is_is_modified_the_next_day(client, geneva, url, settled):
    """The list and a process page mark what is overdue and where today stands: a reader who
    sends only If-Modified-Since was told "not modified" the next day, nothing recorded."""
    first = client.get(url)
    modified = first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        next_day = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
        assert next_day.status_code == 200
        assert next_day["Last-Modified"] != modified
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=next_day["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("url", ["/", GENEVA, "/about/", "/subscribe/", "/calendar.ics"])
def test_a_release_that_changes_the_code_changes_the_etags(client, geneva, url, monkeypatch):
    """A review: the ETags hung on a version bumped by hand, not bumped, so last release's
    ETag of a page this release changed (French apostrophes, the picture's month labels)
    answered 304. They carry the code's fingerprint, as the page cache's keys do."""
    from board import http

    first = client.get(url)
    monkeypatch.setattr(http, "code_fingerprint", lambda: "another-release")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("url", [GENEVA, "/feeds/status-changes.atom"])
def test_a_change_in_the_second_of_the_last_is_never_answered_304(client, app, geneva, url):
    """Last-Modified counts whole seconds and dates by record time. A page read at S+1.25
    said "Last-Modified: S" after a write recorded at S.05; a write recorded at S.2 that
    waited for the store's lock became visible at S+1.8 (a review held the lock) and kept
    the date, and a reader sending only If-Modified-Since was told 304 over it (an outside
    reader's test: 36 of 60 on the status-change feed). A page carries a date once every
    write recorded in its second is visible, and reads no If-Modified-Since before."""
    second = timezone.now().replace(microsecond=0) + timedelta(minutes=1)
    settling = timedelta(seconds=settling_seconds())
    with time_machine.travel(second + timedelta(milliseconds=50), tick=False):
        record(app, geneva.pk, "talks_resumed", "2017-02-23")
    with time_machine.travel(second + timedelta(milliseconds=1250), tick=False):
        early = client.get(url)
        assert "Last-Modified" not in early
        assert client.get(url, HTTP_IF_NONE_MATCH=early["ETag"]).status_code == 304
        held = http_date(second.timestamp())  # what a reader of the old rule held
    # Recorded at S.2, seen only now: as a write that waited for the lock.
    with time_machine.travel(second + timedelta(milliseconds=200), tick=False):
        record(app, geneva.pk, "talks_suspended", "2017-02-24", causes=[cause()])
    with time_machine.travel(second + timedelta(milliseconds=1300), tick=False):
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=held).status_code == 200
    with time_machine.travel(second + settling + timedelta(seconds=1), tick=False):
        settled = client.get(url)
        assert settled.content != early.content
        assert settled["Last-Modified"] == held
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=held).status_code == 304


def test_no_date_while_a_projection_apart_is_behind_the_store(client, geneva, settings):
    """With the projection run apart from the writes (`PROJECT_AFTER_WRITE` off), an event
    recorded long ago may be folded in later, and its date would be one a reader already
    holds: no Last-Modified while the projection is behind the store."""
    from negotiations.read.consistency import PROJECTION, last_recorded_position
    from negotiations.read.models import ProjectionPosition

    with second_over():
        assert "Last-Modified" in client.get(GENEVA)
        settings.PROJECT_AFTER_WRITE = False
        assert "Last-Modified" in client.get(GENEVA)  # caught up
        behind = last_recorded_position() - 1
        ProjectionPosition.objects.filter(name=PROJECTION).update(position=behind)
        assert "Last-Modified" not in client.get(GENEVA)
