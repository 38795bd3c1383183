"""Issue 21, item 8: the failed-token throttle counts per real client address. A guesser who
writes a new X-Forwarded-For on each try is still counted as the one peer it is, a valid
token is never refused, and the header counts only from a proxy in TRUSTED_PROXIES."""

from __future__ import annotations

from ipaddress import ip_network

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from rest_framework.test import APIClient

from api.authentication import failures_key
from tests.api_fixtures import client_for
from tests.services import require_service

GUESSER = "203.0.113.9"
PROXY = "10.0.0.2"
URL = "/api/v1/processes/"


@pytest.fixture(autouse=True)
def five_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"auth_failures": "5/min"},
    }
    cache.clear()
    yield
    cache.clear()


def guess(i: int, peer: str, forwarded: str) -> int:
    client = APIClient(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    client.credentials(HTTP_AUTHORIZATION=f"Token guess{i:036d}")
    return client.get(URL).status_code


def test_a_new_forwarded_for_on_each_try_does_not_escape_the_count(db):
    statuses = [guess(i, GUESSER, f"198.51.100.{i}") for i in range(60)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}


def test_a_valid_token_from_the_throttled_address_still_works(editor):
    statuses = [guess(i, GUESSER, f"198.51.100.{i}") for i in range(8)]
    assert statuses[-1] == 429
    editor_client = client_for(editor)
    response = editor_client.get(URL, REMOTE_ADDR=GUESSER)
    assert response.status_code == 200
    # The session-less valid token is not counted as a failure either.
    assert guess(99, GUESSER, "") == 429


def test_other_addresses_are_not_throttled_by_a_guesser(db):
    for i in range(8):
        guess(i, GUESSER, "")
    assert guess(0, "203.0.113.10", "") == 401


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(db, settings):
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    # Two clients behind the same proxy: each has a count of its own ...
    first = [guess(i, PROXY, f"1.2.3.4, 198.51.100.7, {PROXY}") for i in range(6)]
    assert first == [401] * 5 + [429]
    assert guess(0, PROXY, "198.51.100.8") == 401
    # ... and the client cannot escape it by writing addresses left of the proxy's.
    assert guess(1, PROXY, "5.6.7.8, 198.51.100.7") == 429


def test_an_untrusted_peer_s_forwarded_for_is_ignored(db, settings):
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    statuses = [guess(i, GUESSER, f"10.0.0.{i}") for i in range(6)]
    assert statuses == [401] * 5 + [429]


@pytest.mark.services
def test_the_count_is_shared_through_the_cache_url(db, settings):
    """With CACHE_URL (Redis) another worker reads the same count."""
    require_service("Redis", "127.0.0.1", 6379)
    location = "redis://127.0.0.1:6379/5"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    cache.clear()
    for i in range(3):
        assert guess(i, GUESSER, "") == 401
    another_worker = RedisCache(location, {})
    request = APIClient(REMOTE_ADDR=GUESSER).get(URL).wsgi_request
    assert another_worker.get(failures_key(request)) == 3
    cache.clear()


def test_the_admin_lockout_sees_the_same_client_address(settings, rf):
    """django-axes (admin logins) takes the address from the same function."""
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    behind_proxy = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_client_ip_address(behind_proxy) == "198.51.100.7"
    direct = rf.get("/", REMOTE_ADDR=GUESSER, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_client_ip_address(direct) == GUESSER
