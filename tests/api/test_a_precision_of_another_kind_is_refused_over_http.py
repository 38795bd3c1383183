"""An attacker's outside test: `"date_precision": []` (or {}, 0, false) was recorded as the
day. It is refused, naming the field, and nothing is stored."""

import pytest

from tests.api.recording import events_url, opened_over_http, store_snapshot
from tests.factories import event


@pytest.mark.parametrize("given", [[], {}, 0, False])
def test_it_is_refused_and_nothing_is_stored(editor_api, actors, given):
    slug = opened_over_http(editor_api)
    body = event("statement_made", actor="turkey", stance="critical", summary="No point.")
    before = store_snapshot()
    response = editor_api.post(events_url(slug), {**body, "date_precision": given}, format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["errors"]) == ["date_precision"]
    assert store_snapshot() == before
