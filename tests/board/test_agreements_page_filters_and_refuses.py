"""The agreements page (`/agreements/`) filters by stage and by status, and refuses a stage or
a status it does not know by name, with a 400 that lists every agreement (the demo's)."""

from __future__ import annotations

import pytest

from negotiations.read.models import Agreement


def rows(response) -> int:
    return response.content.decode().count('<tr id="agreement-')


@pytest.mark.parametrize(
    "query",
    [{"stage": "ceasefire"}, {"status": "in_force"}, {"stage": "partial", "status": "signed"}],
)
def test_the_page_shows_the_agreements_chosen(client, geneva, query):
    response = client.get("/agreements/", query)
    assert response.status_code == 200
    assert rows(response) == Agreement.objects.filter(**query).count() > 0


@pytest.mark.parametrize(
    ("query", "refusal"),
    [
        (
            {"stage": "truce"},
            "There is no stage &#x27;truce&#x27;: choose one of Pre-negotiation (pre_negotiation),",
        ),
        (
            {"status": "asleep"},
            "There is no status &#x27;asleep&#x27;: choose one of Signed or agreed (signed),",
        ),
    ],
)
def test_an_unknown_choice_is_refused_by_name_and_everything_shown(client, geneva, query, refusal):
    response = client.get("/agreements/", query)
    assert response.status_code == 400
    assert refusal in response.content.decode()
    assert rows(response) == Agreement.objects.count() == 14
