"""The board asks the same number of SQL queries with 10 processes and with 1,000: nothing
is read per process or per event. Pages are counted rendered (their kept copy dropped first)
and kept (asked again at once)."""

from django.core.cache import cache
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


def rendered_and_kept(client, url: str) -> tuple[int, int]:
    cache.clear()
    return queries(client, url), queries(client, url)


def test_query_count_is_the_same_at_10_and_1000_processes(app, actors, client):
    open_many(app, 10)
    small = {url: rendered_and_kept(client, url) for url in URLS}
    open_many(app, 990, prefix="q")
    large = {url: rendered_and_kept(client, url) for url in URLS}
    assert large == small
    # 11: a process page on a date also reads its agreements as they stood that day, and a
    # paused one the talks scheduled, for what each pause expected (its periods' table);
    # every page the actor registry's last change (its ETag's and its kept copy's).
    assert max(rendered for rendered, _ in small.values()) <= 11, small
    # A kept page asks for its freshness (the process, or the list's) and the registry's.
    assert small["/"][1] == small["/processes/p-00001/"][1] == 2, small
