"""Token authentication that slows down guessing: after too many failed tokens from one client
address (AUTH_FAILURE_RATE, 20 a minute counted from the first), further failed tokens from
it answer 429 until that minute is over. A valid token always authenticates: the throttle
refuses only failures, so a guesser on the same address (or NAT) locks nobody out.

The address is the request's real client (`tracker.clients`: X-Forwarded-For counts only from
a trusted proxy). The count lives in Django's cache: with several workers or servers it must
be a shared one (CACHE_URL, Redis), or each worker counts on its own."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tracker import tokens
from tracker.cache_guard import guarded
from tracker.clients import client_address


class FailedTokenThrottle(SimpleRateThrottle):
    """The rate only (`num_requests` per `duration` seconds); counting is below."""

    scope = "auth_failures"
    num_requests: int  # set from the rate by SimpleRateThrottle.__init__
    duration: int

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def failures_key(request) -> str:
    return f"throttle_auth_failures_{client_address(request)}"


def failures_so_far(key: str) -> int:
    """The failures counted for `key`; 0 while the cache server is away (the throttle then
    counts nothing: a wrong token is a 401, not a 500, and a token is too long to guess)."""
    return guarded(lambda: cache.get(key, 0), 0, "a failed token's count")


def count_failure(key: str, seconds: int) -> None:
    """One more failure for `key`, counted with the cache's atomic `incr` so that concurrent
    failures on several workers all count (a read-modify-write would lose some). The count
    expires `seconds` after the first failure it holds (`incr` keeps the expiry). Not counted
    while the cache server is away (`failures_so_far`)."""

    def count() -> None:
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this failure starts a new count
            cache.add(key, 1, timeout=seconds)

    guarded(count, None, "a failed token counted")


class GuardedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        """The token whose digest is the presented key's (the table holds no key:
        `tracker.tokens`)."""
        return super().authenticate_credentials(tokens.digest(key))

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle, key = FailedTokenThrottle(), failures_key(request)
            if failures_so_far(key) >= throttle.num_requests:
                raise exceptions.Throttled(
                    wait=throttle.duration,
                    detail=_("Too many failed token attempts; wait and retry."),
                )
            count_failure(key, throttle.duration)
            raise
