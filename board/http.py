"""What every board page and feed does with HTTP: public reads (or a login), and conditional
GET by `ETag` and `Last-Modified`."""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from negotiations.read import selectors
from negotiations.read.consistency import last_recorded_position, projected_position
from negotiations.write.permissions import may_read

SOURCE_SUFFIXES = (".py", ".html", ".css", ".js", ".po")


def code_files() -> list[Path]:
    """The files a page may be made from: every file of this project's apps (templates,
    stylesheets, the code that folds and tells the events, the status picture's), of its
    settings package and of its translations."""
    base, installed = Path(settings.BASE_DIR).resolve(), Path(sys.prefix).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots = {r for r in roots if r.is_relative_to(base) and not r.is_relative_to(installed)}
    roots |= {base / "tracker", base / "locale"}
    files = {path for root in roots for path in root.rglob("*") if path.suffix in SOURCE_SUFFIXES}
    return sorted(files)


@functools.cache
def code_fingerprint() -> str:
    """A digest of `code_files`: a shared cache (CACHE_URL) never hands one release's page
    to the next. Made at a process's first page (about 30 ms), not by every process that
    imports the board."""
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


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

        if feed:
            # A feed is read, never posted to: 405 naming GET and HEAD, not the CSRF check's
            # 403 page (a feed subscriber's outside test), and no token to ask a program for.
            return csrf_exempt(require_safe(wrapper))
        return wrapper

    return decorate


def etag_for(*parts: object, registry: int | None = None) -> str:
    """A page's ETag: the release's code (a page a release changed is not "not modified": a
    review found last release's ETags answered 304 to changed pages), its parts, its
    language (the same rows read otherwise in French and in Arabic) and the actor registry's
    last change (`registry`, read here unless the page read it: a renamed actor's pages
    answered 304 with the old name)."""
    if registry is None:
        registry = selectors.registry_stamp()
    whole = (code_fingerprint(), translation.get_language(), registry, *parts)
    digest = hashlib.sha256(repr(whole).encode()).hexdigest()[:32]
    return f'"{digest}"'


def validators(
    *parts: object, last: datetime | None, registry: int | None = None, weak: bool = False
) -> tuple[str, datetime | None]:
    """A page's ETag (`etag_for`) and its Last-Modified: `last`, or the actor registry's last
    change when later. A renamed actor changes the names a page shows and its ETag; its
    Last-Modified stayed, and a reader sending only If-Modified-Since was told 304 (a feed
    subscriber's outside test). `weak`: the bytes differ from one answer to the next."""
    if registry is None:
        registry = selectors.registry_stamp()
    etag = etag_for(*parts, registry=registry)
    return ("W/" + etag if weak else etag), latest(last, registry_changed(registry))


def registry_changed(registry: int) -> datetime | None:
    """The actor registry's last change as a time (its stamp: microseconds since the epoch)."""
    return datetime.fromtimestamp(registry / 1_000_000, UTC) if registry else None


def latest(*times: datetime | None) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None


def not_modified(
    request: HttpRequest, etag: str, last_modified: datetime | None
) -> HttpResponse | None:
    """A 304 when the reader's copy is current, else None (render the page). The 304 carries
    the validators and caching headers the 200 would (RFC 9110 15.4.5: a shared cache
    refreshing its copy from a bare 304 lost `Cache-Control` and `Vary: Cookie`)."""
    seconds = (
        int(last_modified.timestamp())
        if last_modified is not None and settled(last_modified)
        else None
    )
    response = get_conditional_response(request, etag=etag, last_modified=seconds)
    if response is None or response.status_code != 304:
        return response
    # The tag as the reader holds it: a gzipped 200's was made weak by the compression (a
    # 304, with no body, never is), and whether the 200 was compressed depends on its body.
    held = next((t for t in held_tags(request) if t.removeprefix("W/") == etag), etag)
    stamp(response, held, last_modified)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        # The 200 to it said so when it was compressed; said when it was not, a cache keeps
        # one more copy, never the wrong one.
        patch_vary_headers(response, ["Accept-Encoding"])
    return response


def held_tags(request: HttpRequest) -> list[str]:
    """The entity tags of `If-None-Match`, as sent."""
    return [t.strip() for t in request.headers.get("If-None-Match", "").split(",") if t.strip()]


def changed_or_today(last: datetime | None, today: date) -> datetime:
    """The Last-Modified of a page that says what today is (the overdue marks, the picture's
    "today"): its rows' last change, or the start of today (UTC) if later. A reader who sends
    only If-Modified-Since is not told "not modified" the next day (the ETag says the day)."""
    midnight = datetime.combine(today, time.min, tzinfo=UTC)
    return max(last, midnight) if last is not None else midnight


# Seconds a write may take, after its record time, to be seen, beyond the store's lock
# timeout: its insert, its rows and its commit; an amendment's fold after it.
SETTLE_SLACK_SECONDS = 5


def settling_seconds() -> int:
    """How long after a record time every write recorded then is visible: a write takes its
    record time before it waits for the event store's lock (up to DATABASE_LOCK_TIMEOUT_
    SECONDS) and commits, and an amendment is folded in a transaction after it."""
    return settings.DATABASE_LOCK_TIMEOUT_SECONDS + SETTLE_SLACK_SECONDS


def settled(last_modified: datetime | None) -> bool:
    """Whether a page may carry `last_modified` as its Last-Modified: no write recorded in
    its second can still become visible. Last-Modified counts whole seconds and dates by
    record time. Sent while writes of its second could still come (the second still
    running: an outside reader's test, 36 of 60 wrong on the status-change feed; a write
    recorded at S.2 that waited for the lock and committed at S+1.8: a review), a second
    change kept the date, and a reader revalidating with If-Modified-Since alone was told
    304 over it. Until then a page carries none and its ETag alone validates it (RFC 9110
    8.8.2.2: such a date is a weak validator), and If-Modified-Since is not read. Where the
    projection runs apart from the writes (`PROJECT_AFTER_WRITE` off), also not while it is
    behind the store."""
    if last_modified is None:
        return False
    horizon = timezone.now() - timedelta(seconds=settling_seconds())
    if int(last_modified.timestamp()) >= int(horizon.timestamp()):
        return False
    return settings.PROJECT_AFTER_WRITE or projected_position() >= last_recorded_position()


def stamp(response: HttpResponse, etag: str, last_modified: datetime | None) -> HttpResponse:
    response["ETag"] = etag
    if last_modified is not None and settled(last_modified):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    elif response.has_header("Last-Modified"):  # Django's syndication sets its own
        del response["Last-Modified"]
    # Shared caches may keep a copy, but must ask again before using it.
    response["Cache-Control"] = "public, no-cache" if settings.PUBLIC_READS else "private"
    response["Vary"] = "Cookie"
    return response
