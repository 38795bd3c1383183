"""A failure after an endpoint's registration committed (making its answer) was told
"nothing was stored… safe to send it again": the retry stored a second endpoint, the first
one's secret never seen. It says now that the write was stored, and how to get a secret."""

from __future__ import annotations

from negotiations.webhooks import api
from negotiations.webhooks.models import Endpoint

HOOK = {"url": "https://receiver.example.org/hook", "processes": [], "kinds": ["event"]}


def test_a_failure_after_the_commit_says_it_was_stored(editor_api, monkeypatch):
    def broken(self, instance):
        raise RuntimeError("the answer could not be made")

    monkeypatch.setattr(api.EndpointCreated, "to_representation", broken)
    answer = editor_api.post("/api/v1/webhooks/", HOOK, format="json")

    assert answer.status_code == 500
    detail = answer.json()["detail"]
    assert "was stored" in detail
    assert "rotate its secret" in detail
    assert "nothing was stored" not in detail
    assert Endpoint.objects.filter(url=HOOK["url"]).count() == 1


def test_a_failure_before_it_says_nothing_was_stored(editor_api, monkeypatch):
    from negotiations.webhooks import services

    def broken(**kwargs):
        raise RuntimeError("the insert failed")

    monkeypatch.setattr(services, "endpoint_create", broken)
    answer = editor_api.post("/api/v1/webhooks/", HOOK, format="json")

    assert answer.status_code == 500
    assert "nothing was stored" in answer.json()["detail"]
    assert not Endpoint.objects.exists()
