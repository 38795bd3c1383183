"""The schema describes what a webhook receiver gets (under `x-webhooks`, with the
`WebhookPayload` component and the signature headers), and what the webhooks code sends
matches that description, for every event of the Geneva demo."""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator

from negotiations.webhooks.services import message_for


def test_every_delivered_payload_matches_the_documented_one(app, geneva):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["x-webhooks"]["event"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/WebhookPayload"}
    assert [p["name"] for p in operation["parameters"]] == [
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    ]
    assert set(operation["responses"]) == {"204"}
    validator = OAS30Validator({**body, "components": schema["components"]})
    notifications = app.recorder.select_notifications(start=1, limit=1000)
    payloads = [
        m.payload(redelivery=False) for n in notifications if (m := message_for(app, n)) is not None
    ]
    assert len(payloads) > 10
    assert {p["type"] for p in payloads} >= {"status.changed", "event.recorded"}
    for payload in payloads:
        errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(payload)]
        assert not errors, (payload["data"]["event"]["type"], errors)
    first = payloads[0]
    wrong = {
        **first,
        "data": {**first["data"], "event": {**first["data"]["event"], "sequence": "one"}},
    }
    assert list(validator.iter_errors(wrong))
