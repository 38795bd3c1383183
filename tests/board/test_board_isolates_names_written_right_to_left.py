"""Names on the board are isolated (`<bdi>`, a heading's too: `dir="auto"` on the heading
set it apart from the page's side), so that a name written right to left (Arabic, Hebrew)
neither reorders the text around it nor the list it is in (issue 23, item 10; bidi controls
themselves are refused when recorded)."""

import pytest

from negotiations.write.models import Actor
from tests.factories import opening, record

NAME = "محادثات جنيف"
CONFLICT = "الحرب في سوريا"
MEDIATOR = "שליח האו״ם"


@pytest.fixture
def process(app, actors):
    Actor.objects.filter(slug="united-nations").update(name=MEDIATOR)
    opened = app.open_process(
        opening(name=NAME, slug="geneva-ar", conflict=CONFLICT), recorded_by="analyst"
    )
    record(app, opened.process_id, "talks_convened", "2016-02-01", by="analyst")
    return opened


def test_the_list_isolates_each_name(client, process):
    html = client.get("/").content.decode()
    assert f"<bdi>{NAME}</bdi>" in html
    assert f"<bdi>{CONFLICT}</bdi>" in html
    assert f"<bdi>{MEDIATOR}</bdi>" in html


def test_the_process_page_isolates_each_name(client, process):
    html = client.get("/processes/geneva-ar/").content.decode()
    assert f"<h1><bdi>{NAME}</bdi></h1>" in html
    assert f"<bdi>{CONFLICT}</bdi>" in html
    assert f"<bdi>{MEDIATOR}</bdi>" in html  # the mediators
    assert "<bdi>Syrian government delegation</bdi>" in html  # the parties
