"""The board asks the same number of SQL queries with 10 processes and with 1,000: nothing
is read per process or per event."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import open_many


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


URLS = [
    "/",
    "/?status=paused&conflict=Conflict+3&q=talks",
    "/processes/p-00001/",
    "/processes/p-00001/?as_of=2016-02-10&history=raw",
    "/feeds/status-changes.atom",
    "/processes/p-00001/feed.atom",
    "/calendar.ics",
]


def test_query_count_is_the_same_at_10_and_1000_processes(app, actors, client):
    open_many(app, 10)
    small = {url: queries(client, url) for url in URLS}
    open_many(app, 990, prefix="q")
    large = {url: queries(client, url) for url in URLS}
    assert large == small
    assert max(small.values()) <= 8, small
