"""Issue 23, item 10: a name that holds a Unicode bidirectional control (U+202E RIGHT-TO-LEFT
OVERRIDE, U+200F RIGHT-TO-LEFT MARK, the isolates...) could reverse the text around it in an
Atom title or a plain-text email. Process names, event labels and the actor registry refuse
them with a 400 naming the field and store nothing; Arabic and Hebrew names are welcome."""

import pytest

from negotiations.write.models import Actor
from tests.api.recording import opened_over_http, refused, store_snapshot
from tests.factories import opening

OVERRIDE = "\u202e"
RLM = "\u200f"


@pytest.mark.parametrize("control", [OVERRIDE, RLM], ids=["U+202E", "U+200F"])
def test_a_process_name_with_a_bidi_control_is_refused(editor_api, actors, control):
    before = store_snapshot()
    response = editor_api.post(
        "/api/v1/processes/", opening(name=f"Talks {control}evil", slug="evil"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert f"U+{ord(control):04X}" in response.json()["errors"]["name"][0]
    assert store_snapshot() == before


def test_an_event_label_with_a_bidi_control_is_refused(editor_api, actors):
    slug = opened_over_http(editor_api)
    code, error = refused(
        editor_api, slug, "talks_convened", "2016-02-01", venue=f"Gen{OVERRIDE}eva"
    )
    assert (code, error["code"], list(error["errors"])) == (400, "invalid", ["venue"])


@pytest.mark.parametrize("control", [OVERRIDE, RLM], ids=["U+202E", "U+200F"])
def test_an_actor_name_with_a_bidi_control_is_refused(editor_api, actors, control):
    count = Actor.objects.count()
    response = editor_api.post(
        "/api/v1/actors/", {"name": f"Mr {control}X", "kind": "person"}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    assert Actor.objects.count() == count


def test_arabic_and_hebrew_names_are_recorded(anon, editor_api, actors):
    slug = opened_over_http(editor_api, name="محادثات جنيف", slug="geneva-ar")
    assert anon.get(f"/api/v1/processes/{slug}/").json()["name"] == "محادثات جنيف"
    response = editor_api.post(
        "/api/v1/actors/", {"name": "שלום", "slug": "shalom", "kind": "person"}, format="json"
    )
    assert response.status_code == 201, response.json()
