"""The board's pages carry ETag and Last-Modified and answer 304 while nothing changed;
a new event changes both."""

import pytest

from tests.factories import record

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.mark.parametrize(
    "url", ["/", GENEVA, "/feeds/status-changes.atom", GENEVA + "feed.atom", "/calendar.ics"]
)
def test_not_modified_until_something_is_recorded(client, app, geneva, url):
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
