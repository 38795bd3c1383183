"""In plain text (a calendar's description, the agreements' Atom text) each source's URL is
set apart in angle brackets (RFC 3986, appendix C): Arabic and Chinese write their own list
separator straight after it ("؛", "；"), and calendar apps linked `...president؛`, a broken
address (an Arabic reader's outside test)."""

import html
import re

import feedparser
import icalendar
import pytest

HAVANA = "colombia-farc-talks-havana"
URL = re.compile(r"https?://[^\s<>\"]+")


def urls_set_apart(found: str) -> list[str]:
    """The URLs of `found` that do not stand between < and >."""
    return [
        m.group()
        for m in URL.finditer(found)
        if found[m.start() - 1 : m.start()] != "<" or found[m.end() : m.end() + 1] != ">"
    ]


@pytest.mark.parametrize("lang", ["ar", "zh-hans", "en"])
def test_calendar_descriptions_set_each_url_apart(client, geneva, lang):
    response = client.get(f"/processes/{HAVANA}/calendar.ics", {"lang": lang})
    calendar = icalendar.Calendar.from_ical(response.content)
    descriptions = [str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")]
    with_urls = [d for d in descriptions if URL.search(d)]
    assert with_urls, descriptions
    assert [u for d in with_urls for u in urls_set_apart(d)] == []


def test_the_agreements_atom_sets_each_url_apart(client, geneva):
    """As a feed reader shows it: the entry's HTML read as HTML (feedparser drops a tag it
    does not know, as readers do: `<https://...>` unescaped vanished, a review found)."""
    response = client.get(f"/processes/{HAVANA}/agreements.atom", {"lang": "ar"})
    summaries = [e.summary for e in feedparser.parse(response.content).entries]
    shown = [html.unescape(s) for s in summaries if "http" in s]
    assert len(shown) > 3, summaries
    assert [u for s in shown for u in urls_set_apart(s)] == []
