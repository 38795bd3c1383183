"""The admin's index in Arabic and French: the app's and its models' names are in the
reader's language (an analyst's review found "Actors", "Status periods", "NEGOTIATIONS")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

# Words French writes as English does.
SAME_IN_FRENCH = {"Webhooks"}


def _names(client: Client, language: str) -> dict[str, str]:
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    apps: list[Any] = response.context["app_list"]
    with translation.override(language):  # lazy names, said as the page said them
        return {a["app_label"]: str(a["name"]) for a in apps} | {
            f"{a['app_label']}.{m['object_name']}": str(m["name"])
            for a in apps
            for m in a["models"]
        }


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_app_and_its_models_are_named_in_the_reader_s_language(editor_client, language):
    before, after = _names(editor_client, "en"), _names(editor_client, language)
    assert before.keys() == after.keys()
    same = [(before[k], after[k]) for k in before if before[k] == after[k]]
    assert [(a, b) for a, b in same if b not in SAME_IN_FRENCH] == []
