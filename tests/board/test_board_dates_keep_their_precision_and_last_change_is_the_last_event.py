"""The board shows every date as precise as it is known, as the API, Atom and the digests do
("since October 2016", "Oct 2016"), and its list's "Last change" is the process's last event
(the API's `last_event_on`), not a repeat of "Since"."""

import re

import pytest

from tests.api.recording import RESUMED_IN_OCTOBER, havana_over_http, turkey_said


@pytest.fixture
def havana(editor_api, actors):
    signed = turkey_said("2016-11-24", "supportive", "The revised agreement is signed.")
    return havana_over_http(editor_api, RESUMED_IN_OCTOBER, signed)


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_process_page_says_since_october_2016(client, havana, anon):
    text = text_of(client.get(f"/processes/{havana}/"))
    assert "Active since October 2016" in text
    assert "1 October 2016" not in text
    assert "1 Oct 2016" not in text
    assert "Last event 24 November 2016" in text
    # The periods' table: the concluded period lasted until October 2016, the active one
    # runs from it.
    assert "Oct 2016 now" in text
    assert "24 Aug 2016 Oct 2016" in text
    # The status on a date after it.
    on = text_of(client.get(f"/processes/{havana}/", {"as_of": "2016-10-05"}))
    assert "Active since October 2016" in on
    assert "1 October 2016" not in on


def test_the_list_s_last_change_is_the_api_s_last_event_on(client, havana, anon):
    detail = anon.get(f"/api/v1/processes/{havana}/").json()
    assert detail["last_event_on"] == "2016-11-24"
    page = client.get("/", {"q": "Havana"}).content.decode()
    row = page[page.index('id="processes"') :]
    assert re.search(r'data-label="Since">\s*Oct 2016\s*<', row)
    assert re.search(r'data-label="Last change">\s*24 Nov 2016\s*<', row)


def test_the_status_picture_says_october_2016_too(client, havana):
    """The picture's hover texts and transition labels wrote a month-precise change as its
    first day ("Active from 2016-10-01"; "2016-10-01" under the line), where the page's
    table says "Oct 2016"; the hover texts now write every date in words."""
    page = client.get(f"/processes/{havana}/").content.decode()
    titles = re.findall(r"<title>([^<]*)</title>", page)
    # As the page writes dates, in words (they were 2016-08-24 beside "May 2016").
    assert "Concluded from 24 August 2016 to October 2016" in titles, titles
    assert any(t.startswith("Active from October 2016 to now") for t in titles), titles
    assert not [t for t in titles if re.search(r"\d{4}-\d\d", t)], titles
    arabic = client.get(f"/ar/processes/{havana}/").content.decode()
    titles = re.findall(r"<title>([^<]*)</title>", arabic)
    assert any("أكتوبر 2016" in t for t in titles), titles  # October 2016, in Arabic words
    assert not [t for t in titles if re.search(r"\d{4}-\d\d", t)], titles
    # A range whose words take any date: no "с Октябрь", no "del octubre" (a review).
    for language, range_ in (("ru", "Идут: октябрь 2016 — "), ("es", ": octubre de 2016 – ")):
        page = client.get(f"/{language}/processes/{havana}/").content.decode()
        titles = re.findall(r"<title>([^<]*)</title>", page)
        assert any(range_ in t for t in titles), titles
    assert "2016-10-01" not in page  # nor under its line (left unlabelled here: no room)


def test_since_takes_the_article_a_day_takes_and_a_month_does_not(client, havana):
    """ "Suspendidas desde 26 de mayo de 2016", "depuis 3 février 2016" lacked the article a
    day takes in Spanish and French (a review of composed sentences); a month takes none."""
    spanish = text_of(client.get(f"/es/processes/{havana}/"))
    assert "desde octubre de 2016" in spanish
    assert "desde el octubre" not in spanish
    # Russian's "с" takes the genitive ("с Октябрь 2016" was the month's standalone form).
    russian = text_of(client.get(f"/ru/processes/{havana}/"))
    assert "с октября 2016" in russian
    assert "с Октябрь" not in russian
    assert "с октябрь" not in russian
    before = text_of(client.get(f"/fr/processes/{havana}/", {"as_of": "2016-09-01"}))
    assert re.search(r"depuis le \d+ ", before), before[:2000]
