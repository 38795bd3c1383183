"""The process list reads its page as plain values and writes each summary out by hand
(api.representations.summary_page); every page must say exactly what the summary serializer
(whose fields the OpenAPI schema documents) says of the same processes, in the same order,
key for key, whatever the filters, the order or the page."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from rest_framework.renderers import JSONRenderer

from api.representations import ProcessSummarySerializer
from negotiations.read import selectors
from negotiations.read.models import Process
from tests.api.recording import opened_over_http, paused_until, recorded
from tests.factories import cause

TODAY = datetime.now(UTC).date()


@pytest.fixture
def processes(geneva, editor_api):
    # Beside the demo's processes (causes, a withdrawn party, month precision): one overdue.
    paused_until(editor_api, "Due back yesterday", TODAY - timedelta(days=1))
    return Process.objects.all()


def summaries(rows) -> str:
    return json.dumps(ProcessSummarySerializer(list(rows), many=True).data)


def page(client, **params) -> str:
    response = client.get("/api/v1/processes/", params)
    assert response.status_code == 200, response.json()
    return json.dumps(response.json()["results"])


def test_the_default_page_is_the_summaries(anon, processes):
    shown = json.loads(page(anon))
    assert len(shown) == 6  # the five demo processes and the overdue one
    assert any(p["overdue"] for p in shown)
    assert any(c.get("stated_by_name") for p in shown for c in p["status_causes"])
    assert any(p["parties"] for p in shown)
    assert any(p["expected_resumption_on"] for p in shown)
    assert page(anon) == summaries(processes.order_by("name"))


def test_filtered_ordered_and_later_pages_are_the_summaries(anon, processes):
    mediated = processes.filter(participants__actor_slug="united-nations").distinct()
    assert mediated.exists()
    assert page(anon, mediator="united-nations") == summaries(mediated.order_by("name"))
    newest = processes.order_by("-updated_at")
    assert page(anon, ordering="-updated_at") == summaries(newest)
    assert page(anon, ordering="-updated_at", page_size=2, page=2) == summaries(newest[2:4])
    assert page(anon, overdue="true") == summaries(
        [p for p in processes.order_by("name") if ProcessSummarySerializer(p).data["overdue"]]
    )


def drf_page(rows, *, count: int, previous: str | None = None) -> bytes:
    """What DRF's own JSON renderer writes for this page of the processes' summaries."""
    results = ProcessSummarySerializer(list(rows), many=True).data
    body = {"count": count, "next": None, "previous": previous, "results": results}
    return JSONRenderer().render(body)


def test_the_page_is_the_bytes_drf_writes_whatever_the_text(anon, editor_api, actors):
    # Text that JSON writers tell apart: non-ASCII, JavaScript's line and paragraph separators
    # (escaped), a control character, quotes, a backslash, an emoji; and a record time on the
    # second, which is written with its six zeros.
    odd = 'Ta\u2028lks «Genève»\u2029 "q" \\ \x07 😀'
    with time_machine.travel("2026-03-01T10:00:00Z", tick=False):
        slug = opened_over_http(editor_api, name=odd, conflict=f"Conflict {odd}")
        recorded(editor_api, slug, "talks_convened", "2016-02-01")
        recorded(editor_api, slug, "talks_suspended", "2016-02-03", causes=[cause(description=odd)])
    paused_until(editor_api, "Due back yesterday", TODAY - timedelta(days=1))
    rows = Process.objects.order_by("name")
    response = anon.get("/api/v1/processes/")
    for written in (b"\\u2028", b"\\u0007", "«".encode(), b"T10:00:00.000000Z"):
        assert written in response.content
    assert response.content == drf_page(rows, count=2)
    # A later page with its link, and indented JSON asked for (DRF's own renderer writes it).
    later = anon.get("/api/v1/processes/", {"page_size": 1, "page": 2})
    first = "http://testserver/api/v1/processes/?page_size=1"
    assert later.content == drf_page(rows[1:2], count=2, previous=first)
    indented = anon.get("/api/v1/processes/", HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b'{\n  "count": 2,')
    assert json.loads(indented.content) == json.loads(response.content)


def test_a_column_with_no_json_form_is_refused_not_written_wrong(db):
    # The description is free text of a kind the page's reader has no JSON form for (today).
    with pytest.raises(ValueError, match="description: no JSON form for a TextField"):
        selectors.process_rows(selectors.processes(), ["slug", "description"])
