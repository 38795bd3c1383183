"""A web page on another origin may read the public reads (the API, the feeds) through CORS,
without credentials; it may not write, nor read webhooks, nor the admin. CORS_ALLOWED_ORIGINS
narrows the origins; a malformed one stops the start."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from board import urls as board_urls
from tests.habits.reading_settings import start

ORIGIN = "https://news.example.org"


def preflight(client, url: str, method: str = "GET", headers: str = "if-none-match"):
    return client.options(
        url,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/processes/",
        "/api/v1/processes/intra-syrian-talks-geneva/status/",
        "/api/v1/status-changes/",
        "/api/v1/schema/",
        "/feeds/status-changes.atom",
        "/processes/intra-syrian-talks-geneva/calendar.ics",
    ],
)
def test_a_public_read_is_open_to_any_origin_without_credentials(anon, geneva, url):
    response = anon.get(url, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    allowed = preflight(anon, url)
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "*"
    assert set(allowed["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in allowed["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed


def test_every_feed_of_the_board_is_open_to_other_origins(anon, geneva):
    # Read from the board's routes, so that a feed added later is checked too (the
    # per-process agreements feed was left out of the pattern: a feed subscriber's report),
    # in every language: the board links each one under its language's prefix (a review).
    feeds = [p for p in board_urls.urlpatterns if str(p.pattern).endswith((".atom", ".ics"))]
    assert len(feeds) >= 6
    urls = []
    for pattern in feeds:
        slug = "<slug:slug>" in str(pattern.pattern)
        kwargs = {"slug": "intra-syrian-talks-geneva"} if slug else {}
        for language in ("en", "ar", "zh-hans"):
            with translation.override(language):
                urls.append(reverse(f"board:{pattern.name}", kwargs=kwargs))
    assert "/ar/feeds/agreements.atom" in urls
    for url in urls:
        response = anon.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert preflight(anon, url)["Access-Control-Allow-Origin"] == "*", url


def test_a_page_can_read_the_etag_and_the_links(anon, geneva):
    response = anon.get("/api/v1/processes/", HTTP_ORIGIN=ORIGIN)
    assert set(response["Access-Control-Expose-Headers"].split(", ")) == {"ETag", "Link"}


def test_no_cross_origin_write_webhook_or_admin(anon, geneva):
    # A write needs a token (a header no preflight allows) or a session (no credentials).
    write = preflight(anon, "/api/v1/processes/", "POST", "authorization, content-type")
    assert "POST" not in write.get("Access-Control-Allow-Methods", "")
    assert "authorization" not in write.get("Access-Control-Allow-Headers", "")
    for url in ("/api/v1/webhooks/", "/admin/", "/processes/intra-syrian-talks-geneva/"):
        response = anon.get(url, HTTP_ORIGIN=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response, url
        assert "Access-Control-Allow-Origin" not in preflight(anon, url), url


def test_configured_origins_alone_may_read(anon, geneva, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    settings.CORS_ALLOW_ALL_ORIGINS = False
    allowed = anon.get("/api/v1/processes/", HTTP_ORIGIN=ORIGIN)
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    other = anon.get("/api/v1/processes/", HTTP_ORIGIN="https://elsewhere.example.com")
    assert "Access-Control-Allow-Origin" not in other


def test_the_origins_setting_is_read_and_checked(python_c, tmp_path):
    done = start(
        python_c,
        tmp_path,
        "CORS_ALLOWED_ORIGINS, settings.CORS_ALLOW_ALL_ORIGINS",
        CORS_ALLOWED_ORIGINS=f"{ORIGIN}, http://127.0.0.1:8401",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"value: ['{ORIGIN}', 'http://127.0.0.1:8401'] False"
    for bad in ("news.example.org", "https://news.example.org/page", "https://x:port"):
        refused = start(python_c, tmp_path, "CORS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS=bad)
        assert refused.returncode != 0, bad
        assert "CORS_ALLOWED_ORIGINS" in refused.stderr.strip().splitlines()[-1], bad
