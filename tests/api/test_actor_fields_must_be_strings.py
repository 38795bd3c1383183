"""An actor's name sent as a number is refused (400), not stored as the number's text."""

import pytest

from negotiations.write.models import Actor


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "slug", "kind", "description"])
def test_a_number_where_text_is_expected_is_refused(editor_api, field):
    body = {"name": "Office of the Special Envoy", "kind": "state", field: 2.2e88}
    answer = editor_api.post("/api/v1/actors/", body, format="json")
    assert answer.status_code == 400, answer.content
    assert answer.json()["errors"][field] == ["Not a valid string."]
    assert not Actor.objects.filter(name__startswith="2.2").exists()
