"""Both Atom feeds (status changes, agreements), of every process and of one, carry their own
title, the page they follow, their own address and an id that never changes (a reader keys
its subscription on it): one base class (board.feeds.ProcessAtom) serves the four."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

import pytest

from negotiations.read.models import Process

ATOM = "{http://www.w3.org/2005/Atom}"
NAMESPACE = uuid.UUID("3f7d6c0e-2a41-4f0b-9d8e-5b1a7c2e9f14")  # board.selectors.FEED_NAMESPACE
HAVANA = "colombia-farc-talks-havana"


def head(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    feed = ET.fromstring(response.content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    return {
        "title": feed.findtext(f"{ATOM}title"),
        "id": feed.findtext(f"{ATOM}id"),
        "page": links["alternate"],
        "self": links["self"],
    }


@pytest.mark.parametrize(
    ("url", "title", "page", "name"),
    [
        ("/feeds/status-changes.atom", "Status changes of every peace process", "/", "feed/all"),
        (
            "/feeds/agreements.atom",
            "Agreements of every peace process",
            "/agreements/",
            "agreements/all",
        ),
        (
            f"/processes/{HAVANA}/feed.atom",
            "Status changes: ",
            f"/processes/{HAVANA}/",
            "feed/{pk}",
        ),
        (
            f"/processes/{HAVANA}/agreements.atom",
            "Agreements: ",
            f"/processes/{HAVANA}/#agreements",
            "agreements/{pk}",
        ),
    ],
)
def test_each_feed_names_itself(client, geneva, url, title, page, name):
    found = head(client, url)
    process = Process.objects.get(slug=HAVANA)
    assert found["title"].startswith(title)
    if title.endswith(": "):
        assert found["title"] == f"{title}\u2068{process.name}\u2069"  # isolated
    assert found["page"].endswith(page)
    assert found["self"].endswith(url)
    assert found["id"] == f"urn:uuid:{uuid.uuid5(NAMESPACE, name.format(pk=process.pk))}"
