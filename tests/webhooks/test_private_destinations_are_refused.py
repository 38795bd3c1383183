"""Webhooks reach public addresses only: a URL whose host is or resolves to a loopback,
private, link-local, multicast, reserved or unspecified address is refused at registration
(API and admin) and again at each delivery, where DNS may have changed; a delivery connects
to the address it checked; what a receiver answers is never shown beyond its status code.

DNS is simulated by replacing `outbound.resolve` (the one call to the system's resolver);
the check and the connection are the real ones."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from negotiations.webhooks import services
from negotiations.webhooks.models import Attempt, Endpoint
from tests.factories import SOURCE, opening

from .conftest import NAME
from .test_webhooks_in_the_admin import refused_in_the_admin

PUBLIC = "93.184.215.14"  # a public address (example.org's, once)


def register(api, url: str):
    return api.post(
        "/api/v1/webhooks/", {"url": url, "processes": [], "kinds": ["event"]}, format="json"
    )


INSIDE = [
    "http://127.0.0.1:6379/",
    "http://localhost:5432/",
    "http://[::1]:6379/",
    "http://0.0.0.0:6379/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.7/hook",
    "http://192.168.1.1/",
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[fec0::1]/",  # site-local, deprecated: global to Python (a webhook tester's find)
    "http://[::ffff:127.0.0.1]:6379/",  # IPv4-mapped
    "http://[2002:a00:7::]/",  # 6to4 of 10.0.0.7
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
]


@pytest.mark.parametrize("url", INSIDE)
def test_a_url_pointing_inside_is_refused_over_the_api(editor_api, db, url):
    response = register(editor_api, url)
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == "invalid"
    [message] = response.json()["errors"]["url"]
    assert message.startswith("Webhooks are sent to public addresses only"), message
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize(
    "host", ["exa\u202emple.com", "exa\u200fmple.com"], ids=["U+202E", "U+200F"]
)
def test_a_host_no_resolver_could_look_up_is_refused(editor_api, db, dns, host):
    """It was stored (a host that does not resolve now is accepted, and checked again at each
    delivery) and shown to every editor, bidirectional override and all, and never sent."""
    response = register(editor_api, f"https://{host}/hook")
    assert response.status_code == 400, response.json()
    assert response.json()["errors"]["url"] == ["The URL's host is not a valid domain name."]
    assert not Endpoint.objects.exists()
    dns.names["xn--bcher-kva.example"] = [PUBLIC]  # looked up in its IDNA form
    assert register(editor_api, "https://bücher.example/hook").status_code == 201
    assert dns.asked[-1] == "xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://example.org/\u202ekoob", "The URL holds an invisible or control character."),
        ("https://example.org/a\u200bb", "The URL holds an invisible or control character."),
        ("https://example.org/a\u3164b", "The URL holds an invisible or control character."),
        # A host its ASCII form reads back otherwise: shown as one name, sent to another.
        ("https://ex\u00adample.org/hook", "The URL's host is not a valid domain name."),
        ("https://\u24d4xample.org/hook", "The URL's host is not a valid domain name."),
        # Never sent, and it read as another address (an attacker's outside test).
        (
            "https://example.org#@127.0.0.1:8250/a",
            "Leave the fragment (#…) out of the URL: it is never sent.",
        ),
        ("https://example.org/#", "Leave the fragment (#…) out of the URL: it is never sent."),
    ],
    ids=[
        "U+202E in the path",
        "U+200B in the path",
        "a filler in the path",
        "U+00AD",
        "ⓔ",
        "#@",
        "#",
    ],
)
def test_a_url_showing_other_than_it_goes_to_is_refused(editor_api, db, dns, url, said):
    """An attacker's outside test: a bidirectional override in the path and a soft hyphen
    in the host (which IDNA drops: it went to example.org) were accepted and shown; a
    review: a filler drew nothing, and `ⓔ` is read as `e`."""
    dns.names["example.org"] = [PUBLIC]
    response = register(editor_api, url)
    assert response.status_code == 400, response.json()
    assert response.json()["errors"]["url"] == [said]
    assert not Endpoint.objects.exists()


def test_a_name_in_another_script_goes_where_a_browser_goes(editor_api, db, dns):
    """A review: Python's own IDNA (2003) sent `faß.de` to `fass.de`, another registrant;
    browsers read it as `xn--fa-hia.de` (UTS 46, IDNA 2008), and so does a delivery. A
    path's joiners, which Persian words need, are kept."""
    dns.names["xn--fa-hia.de"] = [PUBLIC]
    dns.names["fass.de"] = [PUBLIC]
    assert register(editor_api, "https://faß.de/hook").status_code == 201
    assert dns.asked[-1] == "xn--fa-hia.de"
    persian = "https://fass.de/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert register(editor_api, persian).status_code == 201
    # A refusal names the host as the editor wrote it, not its ASCII form.
    dns.names["xn--bcher-inside-dlb.example"] = ["10.1.2.3"]
    [said] = register(editor_api, "https://bücher-inside.example/").json()["errors"]["url"]
    assert "bücher-inside.example does not resolve to public addresses only" in said, said
    assert Endpoint.objects.count() == 2  # the two registered above; the refused one is not


def test_a_name_resolving_inside_is_refused_without_telling_the_address(editor_api, db, dns):
    dns.names[NAME] = [PUBLIC, "10.20.30.40"]  # one inside address among public ones is enough
    response = register(editor_api, f"https://{NAME}/hook")
    assert response.status_code == 400
    [message] = response.json()["errors"]["url"]
    # Neither the address nor its kind: an editor must not map the inside by refusals.
    assert message.endswith(f"{NAME} does not resolve to public addresses only."), message
    assert "private" not in message.partition("):")[2]
    assert "10.20.30.40" not in response.content.decode()
    assert not Endpoint.objects.exists()

    dns.names[NAME] = [PUBLIC]
    assert register(editor_api, f"https://{NAME}/hook").status_code == 201


def test_the_admin_form_refuses_a_url_pointing_inside(app, actors):
    page = refused_in_the_admin("http://169.254.169.254/latest/")
    assert "169.254.169.254 is a link-local address." in page


def test_private_urls_are_accepted_when_allowed(editor_api, db, allow_private_urls):
    assert register(editor_api, "http://10.0.0.7/hook").status_code == 201


def deliver(endpoint, token=None) -> str:
    try:
        return services.endpoint_deliver(endpoint_id=endpoint.pk, token=token or uuid.uuid4())
    except services.DeliveryFailed as failed:
        return f"failed: {failed}"


def test_a_name_that_now_resolves_inside_is_not_sent(
    app, actors, editor_api, receiver, dns, settings
):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False  # the receiver fixture allowed it
    port = receiver.url.rsplit(":", 1)[1]
    dns.names[NAME] = [PUBLIC]  # at registration the name resolved to a public address
    created = register(editor_api, f"http://{NAME}:{port}/hook")
    assert created.status_code == 201
    endpoint = Endpoint.objects.get(pk=created.json()["id"])
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )

    dns.names[NAME] = ["127.0.0.1"]  # now it points at the tracker's own machine
    run = uuid.uuid4()  # the task's retries carry their run's token
    outcome = deliver(endpoint, run)
    expected = f"Not sent: Webhooks are sent to public addresses only (not loopback, private, link-local, multicast, reserved or unspecified ones): {NAME} does not resolve to public addresses only."  # noqa: E501
    assert outcome == f"failed: {expected}"
    assert receiver.arrived == 0  # nothing reached the receiver listening there
    attempt = Attempt.objects.get()
    assert (attempt.ok, attempt.status_code, attempt.error) == (False, None, expected)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    assert endpoint.position < app.recorder.max_notification_id()

    # Allowed, the same delivery goes to the address the name resolved to, once resolved,
    # (no real resolver knows the name), with the name in the Host header.
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    asked = len(dns.asked)
    assert deliver(endpoint, run) == "done"
    assert [r.path for r in receiver.received] == ["/hook"] * 2
    assert receiver.received[0].headers["host"] == f"{NAME}:{port}"
    assert len(dns.asked) - asked == 2  # one lookup per request, checked and used


def test_a_name_gone_and_a_name_inside_read_alike_in_the_attempts_log(
    app, actors, editor_api, receiver, dns, settings
):
    """The attempts log an editor reads says the same of a name that no longer resolves and
    of one that resolves inside: the editor cannot tell an internal name from no name."""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    dns.names[NAME] = [PUBLIC]
    created = register(editor_api, f"http://{NAME}/hook")
    endpoint = Endpoint.objects.get(pk=created.json()["id"])
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    run = uuid.uuid4()  # one task's retries
    dns.names[NAME] = ["10.1.2.3"]
    assert deliver(endpoint, run).startswith("failed")
    del dns.names[NAME]
    assert deliver(endpoint, run).startswith("failed")
    inside, gone = Attempt.objects.order_by("attempted_at").values_list("error", flat=True)
    assert inside == gone, (inside, gone)
    assert inside.endswith(f"{NAME} does not resolve to public addresses only.")
    delivered_from = endpoint.position
    endpoint.refresh_from_db()
    assert endpoint.position == delivered_from  # nothing counted as delivered
    assert not receiver.received  # and nothing reached anyone


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ((403, b"redis_version:7.0.15 SECRET-INSIDE", {}), "HTTP 403: not a 2xx answer."),
        ((500, b"Traceback ... SECRET-INSIDE", {}), "HTTP 500: not a 2xx answer."),
        (
            (302, b"SECRET-INSIDE", {"Location": "/elsewhere"}),
            "HTTP 302: a redirect, not followed.",
        ),
    ],
)
def test_what_a_receiver_answers_is_never_shown(
    app, actors, receiver, editor, editor_api, settings, reply, error
):
    """Only the status code and a reason of our own reach the API, the admin and the log;
    a redirect is not followed."""
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(
        url=receiver.url + "/hook", processes=[], kinds=["event"], created_by=editor
    )
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    receiver.reply = reply
    settings.WEBHOOK_DISABLE_AFTER_SECONDS = 0  # disabled at once, with its reason
    assert deliver(endpoint) == "disabled"
    assert [r.path for r in receiver.received] == ["/hook"]  # the redirect not followed
    attempt = Attempt.objects.get()
    assert (attempt.status_code, attempt.error) == (reply[0], error)
    endpoint.refresh_from_db()
    assert error in endpoint.disabled_reason

    shown = editor_api.get(f"/api/v1/webhooks/{endpoint.pk}/").content.decode()
    admin = Client()
    admin.force_login(editor)
    editor.is_staff = True
    editor.save()
    attempts = admin.get("/admin/webhooks/attempt/").content.decode()
    change = admin.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()
    assert error in attempts
    for page in (shown, attempts, change):
        assert "SECRET-INSIDE" not in page
