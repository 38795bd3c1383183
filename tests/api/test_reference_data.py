"""Actors and the cause taxonomy."""

import pytest
from django.db.models import QuerySet

from negotiations.domain.body_fields import NOT_A_SLUG, SLUG_PATTERN
from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from negotiations.write import actors
from negotiations.write.models import Actor


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


def test_an_actor_s_slug_is_one_an_event_can_name(editor_api, db):
    """An attacker's outside test: "HB_Upper_Actor" and a case twin of a slug were taken
    through the API, and no event could ever name them (nor can an actor be deleted)."""
    before = list(Actor.objects.values_list("slug", flat=True))
    for slug in ("HB_Upper_Actor", "Iceland", "ice land", "-iceland"):
        sent = {"slug": slug, "name": "Iceland", "kind": "state"}
        refused = editor_api.post("/api/v1/actors/", sent, format="json", HTTP_ACCEPT_LANGUAGE="fr")
        assert refused.status_code == 400, refused.json()
        assert refused.json()["errors"] == {
            "slug": ["Doit être un slug\u00a0: lettres minuscules, chiffres et traits d'union."]
        }
    assert list(Actor.objects.values_list("slug", flat=True)) == before
    schema = editor_api.get("/api/v1/schema/", {"format": "json"}).json()
    pattern = schema["components"]["schemas"]["Actor"]["properties"]["slug"]["pattern"]
    assert pattern == SLUG_PATTERN


def test_two_writers_adding_one_slug_get_a_refusal_not_a_500(editor_api, db, monkeypatch):
    """The other writer's insert lands between this one's check and its own (14 races in 20
    answered 500 on PostgreSQL): the unique slug refuses it, and the answer says so."""
    checked = QuerySet.exists

    def raced(queryset):
        found = checked(queryset)
        if queryset.model is Actor and not found:  # the other writer commits now
            Actor.objects.create(slug="iceland", name="Iceland", kind="state")
        return found

    monkeypatch.setattr(QuerySet, "exists", raced)
    sent = {"name": "Iceland", "kind": "state"}
    answer = editor_api.post("/api/v1/actors/", sent, format="json", HTTP_ACCEPT_LANGUAGE="es")
    assert answer.status_code == 400, answer.json()
    assert answer.json()["errors"] == {"slug": ["Ya existe un actor con el slug «iceland»."]}


def test_the_registry_s_writer_refuses_such_a_slug(db):
    """The admin adds actors through `actors.add_actor` too; an import restores a registry's
    slugs as they were exported (an older version's included), so it keeps its own rule."""
    for slug in ("Ice_Land", "i" * 101):
        with pytest.raises(actors.ActorRefused) as refused:
            actors.add_actor(name="Iceland", kind="state", slug=slug)
        assert refused.value.field == "slug"
    assert refused.value.message == "At most 100 characters (got 101)."
    with pytest.raises(actors.ActorRefused) as refused:
        actors.add_actor(name="Iceland", kind="state", slug="Ice_Land")
    assert refused.value.message == NOT_A_SLUG
    assert not Actor.objects.filter(name="Iceland").exists()
