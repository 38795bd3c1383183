"""An endpoint is disabled for its own failures only. A delivery that fails for the
tracker's reasons (an internal error, or no place for the host's lookup because other hosts'
lookups hold them all) is retried like any failure, but neither starts the endpoint's failing
time nor disables it; the log says whose failure it was. Here every failure of the endpoint's
would disable it at once (WEBHOOK_DISABLE_AFTER_SECONDS = 0)."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from negotiations.webhooks import lookup, reasons, services
from negotiations.webhooks.models import Attempt, Endpoint
from tests.factories import SOURCE, opening
from tests.webhooks.test_a_slow_resolver_cannot_hold_a_delivery import (
    SLOW,
    SlowResolver,
    no_lookup_under_way,  # noqa: F401 - a fixture: this test's lookups start from none
)


def deliver(endpoint: Endpoint) -> str:
    try:
        return services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4())
    except services.DeliveryFailed:
        return "failed"


@pytest.fixture
def record(app, actors, settings):
    """Records events for the endpoints made so far; any failure of an endpoint's own
    disables it."""
    settings.WEBHOOK_DISABLE_AFTER_SECONDS = 0

    def events() -> None:
        opened = app.open_process(opening(), recorded_by="x")
        app.convene_talks(
            opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
        )

    return events


def test_no_place_for_the_lookup_is_retried_without_counting_against_the_endpoint(
    record, receiver, settings, monkeypatch
):
    port = receiver.url.rsplit(":", 1)[1]
    # Registered while the name does not resolve at all (accepted: checked at each delivery).
    endpoint = services.endpoint_create(
        url=f"http://ninth{SLOW}:{port}/", processes=[], kinds=["event"]
    )
    record()
    silent = SlowResolver(None)
    monkeypatch.setattr(socket, "getaddrinfo", silent)
    settings.WEBHOOK_CONNECT_SECONDS = 0.2
    # Eight other endpoints' hosts whose resolver never answers hold every place.
    for n in range(lookup.LOOKUPS):
        with pytest.raises(TimeoutError):
            lookup.resolve(f"dead{n}{SLOW}", 443)

    assert deliver(endpoint) == "failed"
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failing_since, endpoint.disabled_reason) == (True, None, "")
    assert list(Attempt.objects.values_list("error", flat=True)) == [reasons.BUSY]
    assert receiver.received == []

    silent.released.set()  # the resolver answers again: the places come free
    deadline = time.monotonic() + 5
    while silent.waiting and time.monotonic() < deadline:
        time.sleep(0.01)
    Endpoint.objects.filter(pk=endpoint.pk).update(claim_token=None, claimed_until=None)
    assert deliver(endpoint) == "done"
    assert len(receiver.received) == 2  # the opening and the convening


def test_an_internal_error_is_retried_without_counting_against_the_endpoint(
    record, receiver, settings
):
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    record()
    key = settings.SECRET_KEY
    settings.SECRET_KEY = "another key: the endpoint's sealed secret no longer opens"

    assert deliver(endpoint) == "failed"
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failing_since) == (True, None)
    assert list(Attempt.objects.values_list("error", flat=True)) == [reasons.INTERNAL]

    # The same endpoint failing for its own reason is disabled (the bound is 0 s here).
    settings.SECRET_KEY = key
    receiver.fail_next = 1
    Endpoint.objects.filter(pk=endpoint.pk).update(claim_token=None, claimed_until=None)
    assert deliver(endpoint) == "disabled"
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert endpoint.disabled_reason.endswith("last: HTTP 500: not a 2xx answer.")
