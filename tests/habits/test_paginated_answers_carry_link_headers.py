"""Paginated answers carry a `Link` header (RFC 8288) with the first, previous, next and last
pages, the same URLs as the body's `next` and `previous`; the event feed links its next page
from a full one (a short page is the store's end for now: pollers ask from `next_after`)."""

from __future__ import annotations

import re

from tests.board.conftest import open_many


def links(response) -> dict[str, str]:
    found = dict(
        (rel, url) for url, rel in re.findall(r'<([^>]+)>;\s*rel="([^"]+)"', response["Link"])
    )
    assert response["Link"].count("rel=") == len(found)
    return found


def test_a_middle_page_links_first_prev_next_and_last(anon, app):
    open_many(app, 7)
    response = anon.get("/api/v1/processes/", {"page_size": 2, "page": 2, "status": "paused"})
    assert response.status_code == 200
    body = response.json()
    found = links(response)
    assert set(found) == {"first", "prev", "next", "last"}
    assert found["next"] == body["next"]
    assert found["prev"] == body["previous"]
    assert found["first"] == "http://testserver/api/v1/processes/?page_size=2&status=paused"
    assert found["last"] == ("http://testserver/api/v1/processes/?page=4&page_size=2&status=paused")
    last = anon.get(found["last"])
    assert last.json()["next"] is None
    assert set(links(last)) == {"first", "prev", "last"}


def test_a_single_page_links_itself_as_first_and_last(anon, app):
    open_many(app, 2)
    response = anon.get("/api/v1/status-changes/")
    assert links(response) == {
        "first": "http://testserver/api/v1/status-changes/",
        "last": "http://testserver/api/v1/status-changes/",
    }


def test_the_event_feed_links_its_next_page_from_a_full_one(anon, app):
    open_many(app, 2)
    response = anon.get("/api/v1/events/", {"limit": 4})
    body = response.json()
    assert links(response) == {
        "next": f"http://testserver/api/v1/events/?after={body['next_after']}&limit=4"
    }
    assert body["next_after"] == body["results"][-1]["position"]
    rest = anon.get("/api/v1/events/", {"after": body["next_after"], "limit": 1000})
    assert rest.json()["results"]  # short of its limit: no next page linked
    assert "Link" not in rest
