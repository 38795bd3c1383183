"""The board shows every date as precise as it is known, as the API, Atom and the digests do
("since October 2016", "Oct 2016"), and its list's "Last change" is the process's last event
(the API's `last_event_on`), not a repeat of "Since"."""

import re

import pytest

from tests.api.recording import opened_over_http, recorded
from tests.api_fixtures import cause


@pytest.fixture
def havana(editor_api, actors):
    slug = opened_over_http(editor_api, name="Havana talks", occurred_on="2012-08-01")
    recorded(editor_api, slug, "talks_convened", "2012-10-18", venue="Oslo")
    recorded(editor_api, slug, "talks_concluded", "2016-08-24", outcome="agreement")
    recorded(
        editor_api, slug, "talks_resumed", "2016-10-01", date_precision="month", venue="Havana"
    )
    recorded(
        editor_api,
        slug,
        "statement_made",
        "2016-11-24",
        actor="turkey",
        stance="supportive",
        summary="The revised agreement is signed.",
        causes=[cause("political_crisis", "turkey")],
    )
    return slug


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
