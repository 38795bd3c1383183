"""The admin shows a new or rotated signing secret once. In Arabic the message isolated the
secret with U+2068 ... U+2069, which a copy carried along: `standardwebhooks` refused the
pasted secret ("only ASCII characters") and no delivery could be verified (a review of the
session's diff). The secret now stands in a left-to-right <code> of its own."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from standardwebhooks import Webhook

from negotiations.webhooks.models import Endpoint

LIST = "/admin/webhooks/endpoint/"


def shown_secrets(response) -> list[str]:
    """The text a reader selects in each <code> of the page's messages."""
    page = response.content.decode()
    messages = re.findall(r'<ul class="messagelist">(.*?)</ul>', page, re.S)
    assert messages, page[:2000]
    return re.findall(r'<code dir="ltr">([^<]*)</code>', messages[0])


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_secret_shown_is_the_secret_alone(admin_client: Client, db, language):
    admin_client.cookies["django_language"] = language
    added = admin_client.post(
        f"{LIST}add/", {"url": "https://example.org/hook", "kinds": ["event"]}, follow=True
    )
    endpoint = Endpoint.objects.get()
    [copied] = shown_secrets(added)
    assert copied == endpoint.secret
    Webhook(copied)  # what a receiver does with it: refused if anything else came along

    rotated = admin_client.post(
        LIST, {"action": "rotate_secret", "_selected_action": [endpoint.pk]}, follow=True
    )
    endpoint.refresh_from_db()
    url, secret, _until = shown_secrets(rotated)
    assert (url, secret) == ("https://example.org/hook", endpoint.secret)
    Webhook(secret)
