"""The admin shows a signing secret once, in a message after registering an endpoint or
rotating its secret: the message waits for the next page on the server (the session), never
in a cookie, which Django signs but does not encrypt, so that the secret never travels back
and forth in a readable cookie."""

from __future__ import annotations

import base64
import binascii
import zlib

from django.conf import settings

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.webhooks.test_webhooks_in_the_admin import ADD, staff_editor


def readable(value: str) -> str:
    """A cookie's value and, for each part of it that is base64 (plain or compressed, as
    Django's signed cookies are), the text it holds."""
    texts = [value]
    for part in value.replace(":", " ").replace(".", " ").split():
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        texts.append(raw.decode("utf-8", "replace"))
    return "\n".join(texts)


def cookies_text(response) -> str:
    return "\n".join(readable(morsel.value) for morsel in response.cookies.values())


def test_readable_reads_a_signed_message_cookie():
    """The check below can see a secret in Django's message cookie (signed, compressed)."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    storage = CookieStorage(HttpRequest())
    storage.add(30, "The signing secret is whsec_" + "A" * 32)
    response = HttpResponse()
    storage.update(response)
    assert "whsec_" + "A" * 32 in cookies_text(response)


def test_the_secret_of_a_new_endpoint_is_in_no_cookie(app, actors):
    client = staff_editor()
    created = client.post(
        ADD, {"url": "https://example.org/hook", "kinds": ["event"], "processes": ""}
    )

    assert created.status_code == 302
    secret = Endpoint.objects.get().secret
    assert secret not in cookies_text(created)
    shown = client.get(created["Location"])
    assert secret in shown.content.decode()  # shown once, on the next page
    assert secret not in cookies_text(shown)
    assert secret not in client.get(created["Location"]).content.decode()


def test_a_rotated_secret_is_in_no_cookie(app, actors):
    client = staff_editor()
    endpoint = services.endpoint_create(
        url="https://example.org/hook", processes=[], kinds=["event"], created_by=client.user
    )
    rotated = client.post(
        "/admin/webhooks/endpoint/",
        {"action": "rotate_secret", "_selected_action": [str(endpoint.pk)]},
    )

    assert rotated.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret not in cookies_text(rotated)
    assert endpoint.secret in client.get(rotated["Location"]).content.decode()


def test_messages_wait_in_server_side_sessions():
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    )
