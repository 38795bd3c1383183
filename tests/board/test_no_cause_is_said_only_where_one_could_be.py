""" "No cause was stated" is said only of a status whose changes may state causes (paused,
suspended, concluded, collapsed; `registry.STATUSES_WITH_CAUSES`): under talks convened or
resumed, which take none, it read as a fact of the record. The board's page, the admin's
page (tests/admin/test_the_admin_says_no_cause_only_where_one_could_be.py) and the Atom
entry of a retraction, each once."""

from __future__ import annotations

import feedparser

from tests.api.recording import opened_over_http, recorded

NONE_STATED = "No cause was stated for the current status."


def test_an_active_process_says_nothing_of_causes_and_a_paused_one_does(client, editor_api, actors):
    slug = opened_over_http(editor_api, name="Quiet talks", occurred_on="2016-01-10")
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    assert NONE_STATED not in client.get(f"/processes/{slug}/").content.decode()
    recorded(editor_api, slug, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")
    assert NONE_STATED in client.get(f"/processes/{slug}/").content.decode()


def test_a_retracted_resumption_s_entry_says_nothing_of_causes(client, editor_api, actors):
    slug = opened_over_http(editor_api, name="Quiet talks", occurred_on="2016-01-10")
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    recorded(editor_api, slug, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")
    recorded(editor_api, slug, "talks_resumed", "2016-02-26")
    recorded(editor_api, slug, "event_retracted", "2016-02-27", retracts=4, reason="Misread.")
    feed = feedparser.parse(client.get(f"/processes/{slug}/feed.atom").content)
    retraction = next(e for e in feed.entries if "Retraction" in e.summary)
    assert "stated no cause" not in retraction.summary
    pause = next(e for e in feed.entries if "→ paused" in e.title)
    assert "No cause was stated." in pause.summary
