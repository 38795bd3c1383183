"""A process given a name in the reader's language is called by it wherever the board names
it (`presenters.process_shown`, one rule): the list, its page and the status-change feed did;
the agreements' Atom entries, the agreements page and `/about/` did too late (issue 26's
review). Where no name was given, the original stays, never a transliteration."""

from __future__ import annotations

import feedparser
import pytest

from tests.board.conftest import text
from tests.factories import record

HAVANA = "colombia-farc-talks-havana"
SPANISH = "Diálogos de paz de La Habana"


@pytest.fixture
def named_in_spanish(app, geneva):
    havana = geneva.__class__.objects.get(slug=HAVANA)
    record(app, havana.id, "name_given", "2016-12-01", language="es", name=SPANISH)
    return havana


def test_the_agreements_atom_titles_use_the_name_given_in_its_language(client, named_in_spanish):
    for url in ("/feeds/agreements.atom", f"/processes/{HAVANA}/agreements.atom"):
        feed = feedparser.parse(client.get(url, {"lang": "es"}).content)
        havana = [e.title for e in feed.entries if HAVANA in e.link]
        assert havana, url
        assert all(t.startswith(f"\u2068{SPANISH}\u2069: ") for t in havana), havana
    english = feedparser.parse(client.get("/feeds/agreements.atom").content)
    assert any(e.title.startswith("\u2068Colombian government") for e in english.entries)


@pytest.mark.parametrize("path", ["/es/about/", "/es/agreements/"])
def test_about_and_the_agreements_page_use_it_with_the_original_beside(
    client, named_in_spanish, path
):
    page = text(client, path)
    assert f'<bdi lang="es">{SPANISH}</bdi>' in page
    assert '<span class="muted">(<bdi>Colombian government–FARC talks (Havana)</bdi>)' in page
    assert f'<bdi lang="es">{SPANISH}</bdi>' not in text(client, path.replace("/es/", "/fr/"))
