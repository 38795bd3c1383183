"""Names in Russian, Arabic and Chinese: opened with no slug given (one is derived, stable and
ASCII), then found by the API's and the board's search whatever the case or the accents
(Arabic vowel signs, Latin accents), on SQLite and on PostgreSQL alike."""

import re

import pytest

from negotiations.domain.body_fields import SLUG_PATTERN
from negotiations.domain.slugs import slugify
from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.actors import add_actor
from tests.factories import correct, opening, record

NAMES = {
    "minsk": ("Минские переговоры", "Война на Донбассе"),
    "arabic": ("محادثات جدة", "الحرب في السودان"),
    "chinese": ("六方会谈", "朝鲜核问题"),
    "latin": ("Pourparlers de Genève", "Guerre civile syrienne"),
}


@pytest.fixture
def named(app, actors):
    """One process per name, opened with no slug: the slug is derived."""
    for name, conflict in NAMES.values():
        app.open_process(opening(name=name, conflict=conflict), recorded_by="analyst")


def api_names(anon, q):
    rows = anon.get("/api/v1/processes/", {"q": q}).json()["results"]
    return sorted(r["name"] for r in rows)


def board_names(client, q):
    html = client.get("/", {"q": q}).content.decode()
    return sorted(re.findall(r'data-label="Process"><a [^>]*><bdi>([^<]+)</bdi>', html))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Минские", "minsk"),
        ("минские", "minsk"),
        ("МИНСКИЕ", "minsk"),
        ("ДОНБАССЕ", "minsk"),  # the conflict
        ("محادثات", "arabic"),
        ("مُحَادَثَات", "arabic"),  # with its vowel signs
        ("السودان", "arabic"),
        ("会谈", "chinese"),
        ("GENEVE", "latin"),
        ("genève", "latin"),
    ],
)
def test_search_finds_names_in_any_script_and_case(named, anon, client, query, found):
    expected = [NAMES[found][0]]
    assert api_names(anon, query) == expected
    assert board_names(client, query) == expected


def test_a_search_that_matches_nothing_finds_nothing(named, anon, client):
    assert api_names(anon, "переговоры мира") == []
    assert board_names(client, "atlantis") == []


def test_names_in_any_script_get_a_stable_ascii_slug(named, anon):
    slugs = {r["name"]: r["slug"] for r in anon.get("/api/v1/processes/").json()["results"]}
    for name, _ in NAMES.values():
        assert re.match(SLUG_PATTERN, slugs[name]), slugs[name]
        assert slugs[name] == slugify(name)  # the same name, the same slug
        assert anon.get(f"/api/v1/processes/{slugs[name]}/").status_code == 200
    assert slugs["Pourparlers de Genève"] == "pourparlers-de-geneve"  # Latin: as before
    assert len(set(slugs.values())) == len(NAMES)


def test_the_derived_slug_keeps_the_latin_part_and_ignores_case(db):
    assert slugify("Minsk II: Минские переговоры").startswith("minsk-ii-")
    assert slugify("МИНСКИЕ  ПЕРЕГОВОРЫ") == slugify("Минские переговоры")
    assert slugify("Минские переговоры") != slugify("Минские соглашения")
    assert slugify("Łódź talks") == "lodz-talks"


def test_a_second_process_of_the_same_name_is_refused(named, editor_api):
    answer = editor_api.post(
        "/api/v1/processes/",
        opening(name="МИНСКИЕ ПЕРЕГОВОРЫ", conflict="Война на Донбассе"),
        format="json",
    )
    assert answer.status_code == 400, answer.json()
    assert "already exists" in answer.json()["errors"]["slug"][0]


def test_an_actor_named_in_any_script_gets_a_slug(db):
    actor = add_actor(name="الاتحاد الأفريقي", kind="organization")
    assert re.match(SLUG_PATTERN, actor.slug)


def test_a_corrected_name_is_searched_as_corrected(named, app, anon, client):
    minsk = app.open_process(
        opening(name="Переговоры в Минске", conflict="Донбасс", slug="minsk-talks"),
        recorded_by="analyst",
    ).process_id
    correct(app, minsk, 1, "2016-02-05", reason="Spelling", name="Минская встреча")
    record(app, minsk, "talks_convened", "2016-02-06")  # a later event updates the row too
    assert api_names(anon, "ВСТРЕЧА") == ["Минская встреча"]
    assert board_names(client, "встреча") == ["Минская встреча"]
    assert api_names(anon, "переговоры в") == []


def test_a_rebuild_writes_the_same_folded_column(named, app, anon):
    minsk = Process.objects.get(name="Минские переговоры")
    correct(app, minsk.id, 1, "2016-02-05", reason="Spelling", name="Минская встреча")
    before = (rows_checksum(), list(Process.objects.values_list("slug", "search_text")))
    wipe_read_models()
    catch_up(app, batch_size=2)
    assert (rows_checksum(), list(Process.objects.values_list("slug", "search_text"))) == before
    assert api_names(anon, "МИНСКАЯ") == ["Минская встреча"]


def test_actors_are_searched_in_any_script(anon, db):
    for name in ("Владимир Путин", "الاتحاد الأفريقي", "Recep Tayyip Erdoğan"):
        add_actor(name=name, kind="person")

    def found(q):
        return [a["name"] for a in anon.get("/api/v1/actors/", {"q": q}).json()["results"]]

    assert found("ПУТИН") == ["Владимир Путин"]
    assert found("الأفريقي") == ["الاتحاد الأفريقي"]
    assert found("erdogan") == ["Recep Tayyip Erdoğan"]
    assert found("recep-tayyip") == ["Recep Tayyip Erdoğan"]  # the slug
