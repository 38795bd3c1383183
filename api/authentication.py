"""Token authentication that slows down guessing: after too many failed tokens from one
address, that address is refused with 429 for a while, even with a right token."""

from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class FailedTokenThrottle(SimpleRateThrottle):
    scope = "auth_failures"
    num_requests: int  # set from the rate by SimpleRateThrottle.__init__
    duration: int

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class GuardedTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        throttle = FailedTokenThrottle()
        key = throttle.get_cache_key(request)
        history = cache.get(key, [])
        now = throttle.timer()
        history = [t for t in history if t > now - throttle.duration]
        if len(history) >= throttle.num_requests:
            raise exceptions.Throttled(
                wait=throttle.duration - (now - history[-1]),
                detail="Too many failed token attempts; wait and retry.",
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            history.insert(0, now)
            cache.set(key, history, throttle.duration)
            raise
