"""The admin, the API and the imports add actors through one writer: one slug rule, and an
actor's slug never changes once events may name it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from negotiations.write import actors
from negotiations.write.models import Actor

NAME = "Ban Ki-moon (Secretary-General)"
SLUG = "ban-ki-moon-secretary-general"


def test_the_admin_derives_a_blank_slug_as_the_api_does(editor_client, editor):
    added = editor_client.post(
        reverse("admin:negotiations_actor_add"),
        {"slug": "", "name": NAME, "kind": "person", "description": ""},
    )
    assert added.status_code == 302
    by_admin = Actor.objects.get(name=NAME)
    by_admin.delete()

    api = APIClient()
    api.force_authenticate(editor)
    answer = api.post("/api/v1/actors/", {"name": NAME, "kind": "person"}, format="json")
    assert answer.status_code == 201, answer.content
    assert by_admin.slug == answer.json()["slug"] == SLUG


def test_the_admin_refuses_a_taken_slug_with_the_registry_message(editor_client):
    actors.add_actor(name="Qatar", kind="state")
    again = editor_client.post(
        reverse("admin:negotiations_actor_add"),
        {"slug": "", "name": "Qatar", "kind": "state", "description": ""},
    )
    assert again.status_code == 200
    assert Actor.objects.filter(slug="qatar").count() == 1


def test_a_changed_actor_keeps_its_slug(editor_client):
    actor = actors.add_actor(name="Qatar", kind="state")
    changed = editor_client.post(
        reverse("admin:negotiations_actor_change", args=[actor.pk]),
        {"slug": "doha", "name": "State of Qatar", "kind": "state", "description": "Mediator"},
    )
    assert changed.status_code == 302
    actor.refresh_from_db()
    assert (actor.slug, actor.name, actor.description) == ("qatar", "State of Qatar", "Mediator")


@pytest.mark.django_db
def test_an_import_never_overwrites_an_actor_the_registry_has():
    actors.add_actor(name="Ban Ki-moon", kind="person")
    added = actors.add_missing(
        [
            actors.NewActor(slug="ban-ki-moon", name="Ban Ki Moon", kind="organization"),
            actors.stand_in("staffan-de-mistura", "person"),
        ]
    )
    assert [a.slug for a in added] == ["staffan-de-mistura"]
    assert Actor.objects.get(slug="ban-ki-moon").kind == "person"
    assert Actor.objects.get(slug="staffan-de-mistura").name == "Staffan De Mistura"
