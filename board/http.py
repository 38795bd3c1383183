"""What every board page and feed does with HTTP: public reads (or a login), and conditional
GET by `ETag` and `Last-Modified`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from negotiations.write.permissions import may_read

# Bumped when the pages change shape, so that a cached page is not kept across a release.
PAGE_VERSION = "board-4"


def public_read(*, feed: bool = False) -> Callable:
    """Reads are public unless PUBLIC_READS is off: then pages send the reader to log in,
    and feeds (read by programs that cannot log in) answer 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not may_read(request.user):
                if feed:
                    return HttpResponse(
                        "Reads are not public on this tracker: log in to read it.\n",
                        status=403,
                        content_type="text/plain; charset=utf-8",
                    )
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def etag_for(*parts: object) -> str:
    """A page's ETag: its version, its parts and its language (the same rows read otherwise
    in French and in Arabic)."""
    whole = (PAGE_VERSION, translation.get_language(), *parts)
    digest = hashlib.sha256(repr(whole).encode()).hexdigest()[:32]
    return f'"{digest}"'


def not_modified(
    request: HttpRequest, etag: str, last_modified: datetime | None
) -> HttpResponse | None:
    """A 304 when the reader's copy is current, else None (render the page)."""
    stamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=stamp)


def changed_or_today(last: datetime | None, today: date) -> datetime:
    """The Last-Modified of a page that says what today is (the overdue marks, the picture's
    "today"): its rows' last change, or the start of today (UTC) if later. A reader who sends
    only If-Modified-Since is not told "not modified" the next day (the ETag says the day)."""
    midnight = datetime.combine(today, time.min, tzinfo=UTC)
    return max(last, midnight) if last is not None else midnight


def stamp(response: HttpResponse, etag: str, last_modified: datetime | None) -> HttpResponse:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # Shared caches may keep a copy, but must ask again before using it.
    response["Cache-Control"] = "public, no-cache" if settings.PUBLIC_READS else "private"
    response["Vary"] = "Cookie"
    return response
