"""The process list reads its page as plain values and writes each summary out by hand
(api.representations.summary_page); every page must say exactly what the summary serializer
(whose fields the OpenAPI schema documents) says of the same processes, in the same order,
key for key, whatever the filters, the order or the page."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from api.representations import ProcessSummarySerializer
from negotiations.read.models import Process
from tests.api.recording import paused_until

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
    assert len(shown) == 3
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
