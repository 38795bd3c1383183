"""Text answers of 1 KB or more are gzipped when the client asks (lists, process pages, the
Atom feed), smaller ones and those who did not ask are not, and answers that sit beside a
secret never are (BREACH): webhook registrations that show a signing secret, the admin, and
HTML pages for a signed-in user, whose forms carry a CSRF token."""

from __future__ import annotations

import gzip

import pytest

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/processes/",
        "/api/v1/processes/intra-syrian-talks-geneva/events/",
        "/processes/intra-syrian-talks-geneva/",
        "/feeds/status-changes.atom",
        "/calendar.ics",
    ],
)
def test_a_large_text_answer_is_gzipped_when_asked(anon, geneva, url):
    plain = anon.get(url)
    assert "Content-Encoding" not in plain
    assert len(plain.content) > 1024
    packed = anon.get(url, **GZIP)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content)
    assert without_dtstamp(gzip.decompress(packed.content)) == without_dtstamp(plain.content)


def without_dtstamp(body: bytes) -> bytes:
    """A calendar's DTSTAMP is the time of each answer."""
    return b"\n".join(line for line in body.split(b"\n") if not line.startswith(b"DTSTAMP"))


def test_a_small_answer_is_left_as_it_is(anon, geneva):
    # Before its first change and its agreement: no cause, no agreement, under 1 KB.
    response = anon.get(
        "/api/v1/processes/intra-syrian-talks-geneva/status/", {"as_of": "2016-01-26"}, **GZIP
    )
    assert len(response.content) < 1024
    assert "Content-Encoding" not in response


def test_an_answer_showing_a_webhook_secret_is_never_compressed(editor_api, geneva, settings):
    settings.GZIP_MIN_BYTES = 10  # the registration's answer is small: only the path exempts it
    created = editor_api.post(
        "/api/v1/webhooks/",
        # A long, repetitive URL: the answer would shrink a lot if it were compressed.
        {"url": "https://newsroom.example.org/hooks/" + "a" * 400, "kinds": ["event"]},
        format="json",
        **GZIP,
    )
    assert created.status_code == 201, created.content
    assert created.json()["secret"].startswith("whsec_")
    assert "Content-Encoding" not in created
    assert editor_api.get("/api/v1/processes/", **GZIP)["Content-Encoding"] == "gzip"


def test_the_admin_and_signed_in_html_are_never_compressed(client, geneva, superuser):
    client.force_login(superuser)
    admin = client.get("/admin/negotiations/process/", **GZIP)
    assert admin.status_code == 200
    assert len(admin.content) > 1024
    assert "Content-Encoding" not in admin
    browsable = client.get("/api/v1/processes/", HTTP_ACCEPT="text/html", **GZIP)
    assert b"csrfToken" in browsable.content
    assert "Content-Encoding" not in browsable
    # The same page for an anonymous reader is compressed (its token, if any, is replaced
    # at login).
    client.logout()
    anonymous = client.get("/api/v1/processes/", HTTP_ACCEPT="text/html", **GZIP)
    assert anonymous["Content-Encoding"] == "gzip"
