"""Actors: an ordinary admin, whose search also feeds the autocomplete of the event forms."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from negotiations.write.models import Actor


def test_editor_adds_an_actor(editor_client, actors):
    response = editor_client.post(
        reverse("admin:negotiations_actor_add"),
        {"slug": "qatar", "name": "Qatar", "kind": "state", "description": ""},
    )
    assert response.status_code == 302
    assert Actor.objects.get(slug="qatar").name == "Qatar"


def test_autocomplete_answers_slugs(editor_client, actors):
    response = editor_client.get(
        reverse("admin:negotiations_actor_slug_autocomplete"), {"term": "mistura"}
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": "staffan-de-mistura", "text": str(actors["staffan-de-mistura"])}
    ]


def test_autocomplete_needs_a_staff_login(client, actors):
    response = client.get(reverse("admin:negotiations_actor_slug_autocomplete"), {"term": "a"})
    assert response.status_code == 302


def test_the_event_form_uses_the_admin_autocomplete(editor_client, geneva):
    url = reverse("admin:negotiations_process_record_event", args=[geneva.pk, "talks_paused"])
    html = editor_client.get(url).content.decode()
    assert "admin-autocomplete" in html
    assert reverse("admin:negotiations_actor_slug_autocomplete") in html
    assert "select2" in html


def test_no_one_deletes_an_actor_not_even_a_superuser(admin_client, actors):
    """Events name actors by slug for good: deleting one, and adding its slug again for
    someone else, would re-point every event that named it."""
    actor = Actor.objects.get(slug="staffan-de-mistura")
    page = admin_client.get(reverse("admin:negotiations_actor_change", args=[actor.pk]))
    assert page.status_code == 200
    assert reverse("admin:negotiations_actor_delete", args=[actor.pk]) not in page.content.decode()
    refused = admin_client.post(
        reverse("admin:negotiations_actor_delete", args=[actor.pk]), {"post": "yes"}
    )
    assert refused.status_code == 403
    bulk = admin_client.post(
        reverse("admin:negotiations_actor_changelist"),
        {"action": "delete_selected", "_selected_action": [actor.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert Actor.objects.filter(slug="staffan-de-mistura").exists()


def test_autocomplete_answers_the_closest_match_first(editor_client, actors):
    """An analyst's outside test typed "TPLF" as a party and took the first answer, in
    alphabetical order: a person "(TPLF)" came before the front whose slug is `tplf`."""
    Actor.objects.create(slug="abraha", name="Abraha Tesfay (TPLF)")  # before by name
    Actor.objects.create(slug="tplf-cc", name="TPLF Central Committee")
    url = reverse("admin:negotiations_actor_slug_autocomplete")

    found = [r["id"] for r in editor_client.get(url, {"term": "TPLF"}).json()["results"]]
    assert found[:2] == ["tplf", "tplf-cc"]  # the actor itself, then a name beginning so
    assert "abraha" in found[2:]  # then the rest, by name


def test_autocomplete_ignores_case_and_accents_in_every_script(editor_client, actors):
    """As the API's `?q=` and the processes' search do: Django's search on SQLite ignores
    the case of ASCII letters only (an analyst found "Erdoğan" but not "ERDOĞAN")."""
    Actor.objects.create(slug="caglayan-ozturk", name="Çağlayan Öztürk")
    Actor.objects.create(slug="aurelio-nunez", name="Aurélio Núñez")
    url = reverse("admin:negotiations_actor_slug_autocomplete")
    for term, slug in [
        ("ÇAĞLAYAN", "caglayan-ozturk"),
        ("caglayan", "caglayan-ozturk"),
        ("ÖZTÜRK", "caglayan-ozturk"),
        ("aurélio", "aurelio-nunez"),
        ("NUNEZ", "aurelio-nunez"),
    ]:
        found = [r["id"] for r in editor_client.get(url, {"term": term}).json()["results"]]
        assert found == [slug], (term, found)
    api = editor_client.get("/api/v1/actors/", {"q": "NÚÑEZ"}).json()
    assert [a["slug"] for a in api["results"]] == ["aurelio-nunez"]


def test_autocomplete_takes_the_words_apart_as_django_s_search_did(editor_client, actors):
    """Each word somewhere, in any order (a review: "ban ki moon" and "Ki-moon Ban" found no
    one once the search took the whole term as one piece of text)."""
    url = reverse("admin:negotiations_actor_slug_autocomplete")
    for term in ("ban ki moon", "Ki-moon Ban", "moon ban"):
        found = [r["id"] for r in editor_client.get(url, {"term": term}).json()["results"]]
        assert found == ["ban-ki-moon"], (term, found)


def test_a_slug_taken_between_the_form_s_check_and_its_save_is_said(
    editor_client, actors, monkeypatch
):
    """Another editor adds the slug after this form was checked (a review: a 500): the form
    comes back with the refusal, and this form added nothing (here the other editor's insert
    runs inside the refused request and goes with it)."""
    checked = QuerySet.exists

    def raced(queryset):
        found = checked(queryset)
        if queryset.model is Actor and not found and not Actor.objects.filter(slug="qatar"):
            Actor.objects.create(slug="qatar", name="Qatar (the other editor's)", kind="state")
        return found

    url = reverse("admin:negotiations_actor_add")
    form = {"slug": "qatar", "name": "Qatar", "kind": "state", "description": ""}
    monkeypatch.setattr(QuerySet, "exists", raced)
    response = editor_client.post(url, form, follow=True)
    assert response.status_code == 200
    assert "An actor with the slug" in response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert not Actor.objects.filter(slug="qatar").exists()
