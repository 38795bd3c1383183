"""Absolute links (emails, printed logins): built from the address the tracker is served on.

`SITE_URL` wins when set (production sets it: a worker sending digests knows no request);
otherwise a request's own address; otherwise the development server's default. `dev.py run
ADDRESS` sets `SITE_URL` from its address for everything it starts.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


def site_url(request: HttpRequest | None = None) -> str:
    """The tracker's base URL, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_SITE_URL


def absolute(path: str, request: HttpRequest | None = None) -> str:
    return site_url(request) + path
