"""Over HTTPS a delivery connects to the address it resolved and checked, yet speaks to the
URL's host: the name goes in SNI and in the Host header, and the receiver's certificate must
be for that name (not for the address). DNS is simulated (`outbound.resolve`); TLS is real,
with a throwaway authority trusted through WEBHOOK_CA_BUNDLE."""

from __future__ import annotations

import uuid

import pytest

from negotiations.webhooks import services
from negotiations.webhooks.models import Attempt
from tests.factories import SOURCE, opening

from . import receiver as receiver_module
from .certificates import authority_and_server
from .conftest import NAME, FakeDNS
from .receiver import verify


def tls_receiver(tmp_path, settings, certificate_name: str):
    ca_file, context = authority_and_server(tmp_path, certificate_name)
    settings.WEBHOOK_CA_BUNDLE = str(ca_file)
    return receiver_module.running(tls=context)


@pytest.fixture
def https_receiver(tmp_path, settings, allow_private_urls):
    with tls_receiver(tmp_path, settings, NAME) as found:
        yield found


@pytest.fixture
def wrong_name_receiver(tmp_path, settings, allow_private_urls):
    with tls_receiver(tmp_path, settings, "other.example.test") as found:
        yield found


def endpoint_on(app, receiver, dns: FakeDNS):
    dns.names[NAME] = ["127.0.0.1"]
    port = receiver.url.rsplit(":", 1)[1]
    endpoint = services.endpoint_create(
        url=f"https://{NAME}:{port}/hook", processes=[], kinds=["event"]
    )
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    return endpoint, port


def test_https_goes_to_the_address_checked_under_the_urls_name(app, actors, https_receiver, dns):
    endpoint, port = endpoint_on(app, https_receiver, dns)
    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
    assert len(https_receiver.received) == 2
    assert set(https_receiver.sni) == {NAME}
    assert {r.headers["host"] for r in https_receiver.received} == {f"{NAME}:{port}"}
    assert [verify(r, endpoint.secret)["data"]["position"] for r in https_receiver.received] == [
        1,
        2,
    ]


def test_a_certificate_for_another_name_is_refused(app, actors, wrong_name_receiver, dns):
    endpoint, _ = endpoint_on(app, wrong_name_receiver, dns)
    with pytest.raises(services.DeliveryFailed, match=r"^TLS failed"):
        services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4())
    assert wrong_name_receiver.arrived == 0
    assert Attempt.objects.get().error == "TLS failed (certificate or handshake)."


def test_a_name_in_another_script_is_delivered_under_its_ascii_form(app, actors, receiver, dns):
    """An attacker's outside test: `http://例え.テスト/` was registered, then every delivery
    failed in the Host header (HTTP carries ASCII only), counted as the tracker's own fault,
    so the endpoint was retried for ever and never disabled. The name is looked up and sent
    as IDNA gives it."""
    ascii_name = "xn--r8jz45g.xn--zckzah"
    dns.names[ascii_name] = ["127.0.0.1"]
    port = receiver.url.rsplit(":", 1)[1]
    endpoint = services.endpoint_create(
        url=f"http://例え.テスト:{port}/hook", processes=[], kinds=["event"]
    )
    app.open_process(opening(), recorded_by="x")

    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
    (request,) = receiver.received
    assert request.headers["host"] == f"{ascii_name}:{port}"
    assert verify(request, endpoint.secret)["data"]["position"] == 1
    assert dns.asked == [ascii_name]
