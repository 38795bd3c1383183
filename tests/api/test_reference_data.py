"""Actors and the cause taxonomy."""

from negotiations.domain.vocabulary import CAUSE_CATEGORIES


def test_actors_list_search_and_detail(anon, actors):
    listing = anon.get("/api/v1/actors/", {"q": "turk"}).json()
    assert sorted(a["slug"] for a in listing["results"]) == ["recep-tayyip-erdogan", "turkey"]
    assert anon.get("/api/v1/actors/turkey/").json()["kind"] == "state"
    assert anon.get("/api/v1/actors/atlantis/").status_code == 404
    assert anon.get("/api/v1/actors/", {"kind": "state"}).json()["count"] == 14


def test_create_actor(editor_api, db):
    r = editor_api.post("/api/v1/actors/", {"name": "Iceland", "kind": "state"}, format="json")
    assert r.status_code == 201
    assert r.json()["slug"] == "iceland"
    again = editor_api.post("/api/v1/actors/", {"name": "Iceland", "kind": "state"}, format="json")
    assert (again.status_code, again.json()["code"]) == (400, "invalid")
    bad = editor_api.post("/api/v1/actors/", {"name": "X", "kind": "planet"}, format="json")
    assert "kind" in bad.json()["errors"]


def test_cause_taxonomy(anon, db):
    assert [c["category"] for c in anon.get("/api/v1/causes/").json()] == list(CAUSE_CATEGORIES)
