"""The Geneva talks of February 2016, driven end to end through HTTP."""

from tests.api_fixtures import event

SEED = {"url": "https://www.huffpost.com/entry/backed-by-russian-jets", "outlet": "HuffPost"}


def test_the_geneva_story(editor_api, anon, actors):
    # An analyst opens the process.
    r = editor_api.post(
        "/api/v1/processes/",
        {
            "name": "Intra-Syrian talks (Geneva)",
            "conflict": "Syrian civil war",
            "mediators": ["united-nations"],
            "parties": ["syrian-government", "hnc"],
            "occurred_on": "2016-01-25",
        },
        format="json",
    )
    assert r.status_code == 201
    assert r["Location"] == "http://testserver/api/v1/processes/intra-syrian-talks-geneva/"
    base = r["Location"].removeprefix("http://testserver")

    # The talks convene on 1 February...
    r = editor_api.post(
        base + "events/",
        event("talks_convened", "2016-02-01", format="proximity", venue="Geneva"),
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["process"]["status"] == "active"

    # ...and are paused on 3 February with three stated causes from three actors.
    causes = [
        {
            "category": "military_escalation",
            "stated_by": "ban-ki-moon",
            "source": SEED,
            "description": "First steps undermined by increased aerial bombing.",
        },
        {
            "category": "military_escalation",
            "stated_by": "un-official",
            "source": SEED,
            "description": "The UN did not want to be associated with the Russian escalation.",
        },
        {
            "category": "procedural",
            "stated_by": "staffan-de-mistura",
            "description": "I won't talk for the sake of talking.",
        },
    ]
    r = editor_api.post(
        base + "events/",
        event(
            "talks_paused",
            "2016-02-03",
            expected_resumption_on="2016-02-25",
            causes=causes,
            sources=[SEED],
        ),
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["event"]["sequence"] == 3
    assert body["event"]["type"] == "talks_paused"
    assert body["process"]["status"] == "paused"
    assert body["process"]["version"] == 3
    assert body["position"] >= 3

    # Turkey's remark is a statement, not a cause of the pause.
    r = editor_api.post(
        base + "events/",
        event(
            "statement_made",
            "2016-02-03",
            actor="turkey",
            stance="critical",
            summary="No point to talks while Russia carries out attacks.",
            causes=[
                {
                    "category": "military_escalation",
                    "stated_by": "turkey",
                    "description": "Russian attacks.",
                }
            ],
        ),
        format="json",
    )
    assert r.status_code == 201
    assert r.json()["process"]["status"] == "paused"

    # The talks resume on 14 March.
    r = editor_api.post(base + "events/", event("talks_resumed", "2016-03-14"), format="json")
    assert r.status_code == 201

    # Anyone can read: the list, the detail, the timeline.
    listing = anon.get("/api/v1/processes/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["status"] == "active"
    detail = anon.get(base).json()
    assert detail["version"] == 5
    assert detail["status_since"] == "2016-03-14"
    timeline = anon.get(base + "events/").json()
    assert [e["type"] for e in timeline["results"]] == [
        "process_opened",
        "talks_convened",
        "talks_paused",
        "statement_made",
        "talks_resumed",
    ]
    pause = timeline["results"][2]
    assert pause["expected_resumption_on"] == "2016-02-25"
    assert [c["stated_by"] for c in pause["causes"]] == [
        "ban-ki-moon",
        "un-official",
        "staffan-de-mistura",
    ]
    assert pause["recorded_by"] == "editor"
    assert pause["corrections"] == []
    assert pause["cameo"] == "164"

    # Status on a past date.
    on_10_feb = anon.get(base + "status/", {"as_of": "2016-02-10"}).json()
    assert on_10_feb["status"] == "paused"
    assert on_10_feb["expected_resumption_on"] == "2016-02-25"
    assert len(on_10_feb["causes"]) == 3
    assert anon.get(base + "status/", {"as_of": "2016-03-20"}).json()["status"] == "active"
    assert anon.get(base + "status/", {"as_of": "2016-01-01"}).json()["status"] is None

    # The feeds.
    changes = anon.get("/api/v1/status-changes/", {"process": "intra-syrian-talks-geneva"}).json()
    assert [(c["from_status"], c["to_status"]) for c in changes["results"]] == [
        ("planned", "active"),
        ("active", "paused"),
        ("paused", "active"),
    ]
    assert len(changes["results"][1]["causes"]) == 3
    page = anon.get("/api/v1/events/", {"after": 0, "limit": 2})
    feed = page.json()
    assert [row["position"] for row in feed["results"]] == [1, 2]
    assert feed["next_after"] == 2
    # A full page links the next (RFC 8288); one short of its limit is the end for now, and
    # links none: a pager following "next" stops there (it went on for ever).
    assert page["Link"] == '<http://testserver/api/v1/events/?after=2&limit=2>; rel="next"'
    last_page = anon.get("/api/v1/events/", {"after": feed["next_after"]})
    assert "Link" not in last_page
    rest = last_page.json()
    assert [row["sequence"] for row in rest["results"]] == [3, 4, 5]
    assert rest["results"][0]["process_slug"] == "intra-syrian-talks-geneva"
    # At the end: nothing yet, poll again from there. Past it: a cursor from another store
    # (restored from an older backup), which would pass over every event up to it.
    end = anon.get("/api/v1/events/", {"after": 5}).json()
    assert (end["results"], end["next_after"]) == ([], 5)
    past = anon.get("/api/v1/events/", {"after": 500})
    assert past.status_code == 400
    assert "the event store's last position is 5" in past.json()["errors"]["after"][0]
