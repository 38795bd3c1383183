"""A process given a name in the reader's language is called by it wherever the board names
it (`presenters.process_shown`, one rule): the list, its page and the status-change feed did;
the agreements' Atom entries, the agreements page and `/about/` did too late (issue 26's
review). Where no name was given, the original stays, never a transliteration."""

from __future__ import annotations

import re

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


def test_an_actor_named_in_the_reader_s_language_is_so_named_across_its_process_page(
    client, app, geneva
):
    """An analyst's outside test: the Russian name given to an envoy showed in the summary
    only; the stated causes, the picture's table and the timeline said the English one."""
    russian = "Стаффан де Мистура"
    record(
        app, geneva.id, "name_given", "2016-12-01",
        language="ru", name=russian, actor="staffan-de-mistura",
    )  # fmt: skip
    page = text(client, f"/ru/processes/{geneva.slug}/")
    periods = page[page.index('id="periods"') : page.index('id="timeline"')]
    timeline = page[page.index('id="timeline"') :]
    for part in (periods, timeline):
        assert russian in part
        # Only the outlets' own titles of their articles keep the name they wrote.
        assert "Staffan de Mistura" not in re.sub(r"<a [^>]*>.*?</a>", "", part)
    # The summary still gives the original beside it; English pages the registry's name.
    assert "Staffan de Mistura" in page[: page.index('id="periods"')]
    english = text(client, f"/processes/{geneva.slug}/")
    english_periods = english[english.index('id="periods"') : english.index('id="timeline"')]
    assert "Staffan de Mistura" in english_periods
    assert russian not in english_periods


def test_the_feed_and_the_agreements_page_name_actors_in_the_reader_s_language(client, app, geneva):
    """A review: after the process page, the Atom feed's causes and the agreements page's
    signatories still gave the registry's English names."""
    record(
        app, geneva.id, "name_given", "2016-12-01",
        language="ru", name="Стаффан де Мистура", actor="staffan-de-mistura",
    )  # fmt: skip
    feed = client.get(f"/processes/{geneva.slug}/feed.atom", {"lang": "ru"}).content.decode()
    assert "Стаффан де Мистура" in feed
    havana = geneva.__class__.objects.get(slug=HAVANA)
    record(app, havana.id, "name_given", "2016-12-01", language="es", name="Cuba (garante)",
           actor="cuba")  # fmt: skip
    page = text(client, "/es/agreements/")
    assert "Cuba (garante)" in page
    assert "Cuba (garante)" not in text(client, "/agreements/")


def test_the_subscribe_page_and_the_picture_s_title_use_it(client, named_in_spanish):
    """A reader's outside test: "Suivre Yemen peace talks (Kuwait)" on the subscribe page,
    and the picture's text alternative in English, where the page's heading said the name
    given in the reader's language."""
    subscribe = text(client, f"/es/subscribe/?process={HAVANA}")
    heading = subscribe[subscribe.index("<h1") : subscribe.index("</h1>")]
    assert SPANISH in heading
    title = subscribe[subscribe.index("<title>") : subscribe.index("</title>")]
    assert SPANISH in title
    assert "Colombian government" not in subscribe[subscribe.index("<body") :]
    page = text(client, f"/es/processes/{HAVANA}/")
    picture_title = page.split('id="status-timeline-title"')[1].split("</title>")[0]
    assert SPANISH in picture_title


def test_the_list_sorts_by_the_names_the_reader_reads(client, app, geneva):
    """An outside reader: sorted by name, "Syrie" came before "Soudan" in French, by the
    original names. Given a Spanish name after every other's, Havana sorts last in Spanish
    and stays first (Colombian…) in English."""
    havana = geneva.__class__.objects.get(slug=HAVANA)
    record(app, havana.id, "name_given", "2016-12-01", language="es", name="Zeta de La Habana")

    def order(path: str) -> list[str]:
        html = client.get(path).content.decode()
        return re.findall(r'href="(?:/es)?/processes/([a-z0-9-]+)/"', html)

    assert order("/es/")[-1] == HAVANA
    assert order("/")[0] == HAVANA
    # In English too, once a name is given in English (a review: the list showed it and
    # sorted by the original).
    record(app, havana.id, "name_given", "2016-12-01", language="en", name="Zeta talks")
    assert order("/")[-1] == HAVANA
