"""gzip for text answers, never beside a secret.

Django's `GZipMiddleware` (with its BREACH mitigation: random bytes in the gzip header)
compresses an answer of `GZIP_MIN_BYTES` (1 KB) or more when the client sends
`Accept-Encoding: gzip`: API lists, process pages, the Atom and iCalendar feeds. BREACH reads
a secret out of compressed answers that also echo what an attacker sent, so these stay
uncompressed: anything under `GZIP_EXEMPT_PATHS` (the admin, and the webhook answers that
show a signing secret), any HTML page for a signed-in user (its forms carry a CSRF token: the
browsable API), and any answer a view marks with `no_compress`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/atom+xml", "application/xml")


def no_compress(view: Callable) -> Callable:
    """A view whose answers are never compressed (one that shows a secret)."""

    @wraps(view)
    def wrapper(*args, **kwargs) -> HttpResponse:
        response = view(*args, **kwargs)
        response.no_compress = True
        return response

    return wrapper


def compressible(request: HttpRequest, response: HttpResponse) -> bool:
    if response.streaming or getattr(response, "no_compress", False):
        return False
    if len(response.content) < settings.GZIP_MIN_BYTES:
        return False
    content_type = response.get("Content-Type", "").lower()
    if not content_type.startswith(TEXT_TYPES):
        return False
    if request.path.startswith(tuple(settings.GZIP_EXEMPT_PATHS)):
        return False
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return not (signed_in and content_type.startswith("text/html"))


class TextCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(request, response):
            return response
        return super().process_response(request, response)
