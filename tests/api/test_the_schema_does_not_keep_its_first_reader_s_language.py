"""The schema is told in each request's language, whichever language the process's first
request asked for. A process of its own for each case, as a deployed one starts (a review,
2026-12-06, found both):

- django-filter wrote the process list's descending orderings once, in the language of the
  request that first loaded the filters: after an Arabic reader came first, every English
  schema the process served listed "`-name` - الاسم (تنازلي)";
- DRF labels a model field only where its verbose name differs from its own name in the
  language of the moment, and the webhook endpoints' serializer declared in a decorator was
  built once: after an English reader came first, the French schema had no titles for them."""

from __future__ import annotations

import json
import re
import sys

from tests.integration.helpers import run_ok
from tests.subprocess_env import subprocess_env

ARABIC = re.compile(r"[\u0600-\u06FF]")

READ_IN_TURN = """
import sys, django
django.setup()
from django.test import Client
client = Client()
for language in sys.argv[1:]:
    answer = client.get("/api/v1/schema/?format=json", HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 200, answer.status_code
print(answer.content.decode())
"""


def schema_after(*languages: str) -> str:
    """The schema in the last of `languages`, asked of a new process in that order."""
    return run_ok([sys.executable, "-c", READ_IN_TURN, *languages], subprocess_env(), timeout=120)


def test_an_english_schema_after_an_arabic_one_is_english(db):
    printed = schema_after("ar", "en")
    schema = json.loads(printed)
    ordering = next(
        p
        for p in schema["paths"]["/api/v1/processes/"]["get"]["parameters"]
        if p["name"] == "ordering"
    )
    assert "* `-name` - Name (descending)" in ordering["description"], ordering
    assert ARABIC.findall(printed) == []


def test_a_french_schema_after_an_english_one_names_the_endpoints_fields(db):
    endpoint = json.loads(schema_after("en", "fr"))["components"]["schemas"]["EndpointOut"]
    assert endpoint["properties"]["active"].get("title") == "Actif", endpoint["properties"]
    assert endpoint["properties"]["created_at"].get("title") == "Créé le"
