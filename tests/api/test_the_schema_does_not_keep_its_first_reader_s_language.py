"""The schema is told in each request's language, whichever language the process's first
request asked for. django-filter wrote the process list's descending orderings once, in the
language of the request that first loaded the filters: after an Arabic reader came first,
every English schema the process served listed "`-name` - الاسم (تنازلي)" (a review, 2026-12-06).
A process of its own, as a deployed one starts: its first request Arabic, then English."""

from __future__ import annotations

import json
import re
import sys

from tests.integration.helpers import run_ok
from tests.subprocess_env import subprocess_env

ARABIC = re.compile(r"[\u0600-\u06FF]")

READ_TWICE = """
import json, django
django.setup()
from django.test import Client
client = Client()
for language in ("ar", "en"):
    answer = client.get("/api/v1/schema/?format=json", HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 200, answer.status_code
print(answer.content.decode())
"""


def test_an_english_schema_after_an_arabic_one_is_english(db):
    printed = run_ok([sys.executable, "-c", READ_TWICE], subprocess_env(), timeout=120)
    schema = json.loads(printed)
    ordering = next(
        p
        for p in schema["paths"]["/api/v1/processes/"]["get"]["parameters"]
        if p["name"] == "ordering"
    )
    assert "* `-name` - Name (descending)" in ordering["description"], ordering
    assert ARABIC.findall(printed) == []
