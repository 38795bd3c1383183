"""The demo is told as it was known then: no event cites a source published after the event
was recorded, and the demo loads through the import path with every rule of a new event."""

from __future__ import annotations

import json
from typing import Any

from negotiations.interchange import demo


def cited_sources(line: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source an event cites: its own, its causes', and a correction's changes'."""
    found = []
    for body in (line, line.get("changes") or {}):
        found += body.get("sources") or []
        found += [c["source"] for c in body.get("causes") or [] if c.get("source")]
    return found


def demo_events() -> list[dict[str, Any]]:
    lines = [
        json.loads(line)
        for path in (demo.DATA, demo.NAMES)  # the names are recorded after every other event
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return [line for line in lines if line["type"] != "actor"]


def test_no_demo_event_cites_a_source_published_after_its_recorded_at():
    hindsight = [
        (event["type"], event.get("occurred_on"), event["recorded_at"], source["url"])
        for event in demo_events()
        for source in cited_sources(event)
        if source.get("published_on") and source["published_on"] > event["recorded_at"][:10]
    ]

    assert hindsight == []
    assert sum(len(cited_sources(e)) for e in demo_events()) > 150  # the check saw them all


def test_the_demo_is_recorded_in_the_order_it_was_reported():
    recorded = [event["recorded_at"] for event in demo_events()]

    assert recorded == sorted(recorded)
    assert len(set(recorded)) == len(recorded)


def test_ban_ki_moons_two_causes_of_the_pause_are_two_stated_causes(geneva, client):
    answer = client.get(
        f"/api/v1/processes/{geneva.slug}/status/",
        {"as_of": "2016-02-05", "known_at": "2016-02-05T00:00:00Z"},
    ).json()

    ban = [c["category"] for c in answer["causes"] if c["stated_by"] == "ban-ki-moon"]
    assert ban == ["humanitarian_access", "military_escalation"]


def test_the_geneva_opening_is_dated_by_resolution_2254_once_reported(geneva, client):
    process = client.get(f"/api/v1/processes/{geneva.slug}/").json()

    assert (process["opened_on"], process["opened_on_precision"]) == ("2015-12-18", "day")


def test_the_demo_gives_the_names_its_sources_print(geneva, client):
    """The Spanish names the Havana sources print, recorded as events after the rest; none
    invented: every one cites a source."""
    havana = client.get(f"/api/v1/processes/{demo.HAVANA_SLUG}/").json()
    assert havana["actor_names"] == {
        "cuba": {"es": "Cuba"},
        "norway": {"es": "Noruega"},
        "colombian-government": {"es": "Gobierno colombiano"},
    }
    names = [json.loads(line) for line in demo.NAMES.read_text(encoding="utf-8").splitlines()]
    assert all(line["sources"] for line in names)
