"""A control character (U+0001, ESC, a vertical tab...) in stored text made every Atom feed
that showed it answer 500 for every reader (XML 1.0 cannot hold one), and a newline in a
process's name did the same to its calendar; a correction did not mend it, since the first
entry stays in the feed. New text with one is refused with a 400 naming the field, and stores
nothing; a name or a label is refused a tab or a line break too, while long text keeps its
lines. Text stored before that rule (never validated again) is written with each such
character shown as U+FFFD, and the feeds and calendars answer."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import icalendar
import pytest

from negotiations.domain import text_rules
from negotiations.write.models import Actor
from tests.api.recording import opened_over_http, recorded, refused, store_snapshot
from tests.factories import SOURCE, cause, opening


@pytest.mark.parametrize(
    ("type_", "fields", "field", "words"),
    [
        (
            "talks_suspended",
            {"causes": [cause(description="bad\x01byte")]},
            "causes[0].description",
            "U+0001",
        ),
        (
            "talks_convened",
            {"sources": [{**SOURCE, "outlet": "W\x0bX"}]},
            "sources[0].outlet",
            "U+000B",
        ),
        (
            "talks_convened",
            {"sources": [{**SOURCE, "title": "A\nheadline"}]},
            "sources[0].title",
            "U+000A",
        ),
        (
            "talks_convened",
            {"sources": [{**SOURCE, "title": "evil\u202e"}]},
            "sources[0].title",
            "U+202E",
        ),
        ("talks_convened", {"venue": "Gen\teva"}, "venue", "U+0009"),
        ("talks_convened", {"note": "esc \x1b[31m"}, "note", "U+001B"),
    ],
    ids=["cause", "outlet", "headline-line-break", "headline-bidi", "venue-tab", "note-escape"],
)
def test_new_text_with_a_control_character_is_refused(
    editor_api, actors, type_, fields, field, words
):
    slug = opened_over_http(editor_api)
    if type_ == "talks_suspended":
        recorded(editor_api, slug, "talks_convened", "2016-02-01")
    code, error = refused(editor_api, slug, type_, "2016-02-03", **fields)
    assert (code, error["code"], list(error["errors"])) == (400, "invalid", [field])
    assert words in error["errors"][field][0]


def test_a_name_on_two_lines_is_refused_and_long_text_keeps_its_lines(editor_api, actors):
    before = store_snapshot()
    response = editor_api.post(
        "/api/v1/processes/", opening(name="a\nb\r\nc", slug="two-lines"), format="json"
    )
    assert response.status_code == 400, response.json()
    assert "line" in response.json()["errors"]["name"][0]
    assert store_snapshot() == before
    count = Actor.objects.count()
    response = editor_api.post(
        "/api/v1/actors/", {"name": "Mr\x07X", "kind": "person"}, format="json"
    )
    assert response.status_code == 400
    assert "U+0007" in response.json()["errors"]["name"][0]
    assert Actor.objects.count() == count

    slug = opened_over_http(editor_api, description="First line.\nSecond line.")
    described = cause(description="One reason.\n\tAnd its detail.")
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    event = recorded(editor_api, slug, "talks_suspended", "2016-02-03", causes=[described])
    assert event["causes"][0]["description"] == "One reason.\n\tAnd its detail."


NEVER = re.compile("(?!)")


def test_text_stored_before_the_rule_never_breaks_a_feed(editor_api, anon, actors, monkeypatch):
    # As an older tracker stored them: the rule is not there yet.
    monkeypatch.setattr(text_rules, "CONTROL_CHARACTERS", NEVER)
    monkeypatch.setattr(text_rules, "LINE_BREAKS", NEVER)
    slug = opened_over_http(editor_api, name="Ctrl\x07\x1b talks\nB", slug="ctrl-talks")
    recorded(editor_api, slug, "talks_convened", "2016-02-01", venue="Gen\x0beva")
    paused = {
        "expected_resumption_on": "2016-02-25",
        "causes": [cause(description="bad\x01byte")],
        "sources": [{**SOURCE, "outlet": "W\x0bX"}],
    }
    recorded(editor_api, slug, "talks_paused", "2016-02-03", **paused)
    monkeypatch.undo()

    for url in (
        "/feeds/status-changes.atom",
        f"/processes/{slug}/feed.atom",
        f"/processes/{slug}/agreements.atom",
        "/ar/feeds/status-changes.atom",
    ):
        response = anon.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        ElementTree.fromstring(response.content)  # well-formed XML
        assert not re.search("[\x01\x07\x0b\x1b]", text), url
        assert "Ctrl\ufffd\ufffd talks" in text, url
    assert "bad\ufffdbyte" in anon.get(f"/processes/{slug}/feed.atom").content.decode()

    for url in (f"/processes/{slug}/calendar.ics", "/calendar.ics"):
        response = anon.get(url)
        assert response.status_code == 200, url
        calendar = icalendar.Calendar.from_ical(response.content)
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", response.content), url
        if url.startswith("/processes/"):
            assert "Ctrl\ufffd\ufffd talks B" in str(calendar["x-wr-calname"]), url
