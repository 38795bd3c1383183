"""Rendered board pages kept in Django's cache (issue 22: the board cost twice the API).

A page is a function of its read-model rows, today's date, its query string, the actors'
names and this release's code: the key holds the first four (the rows by their version, which
every event moves) and the code's fingerprint, so an entry is never stale, only unused. The
names are checked on every hit (one indexed query): an actor renamed or added in the registry
moves no version, and the entry is rendered again. Only the query strings a page understands
are cached, so odd ones cannot push the useful entries out. The entry is the body and its
status; the headers (ETag, Cache-Control, the middleware's) are made afresh for each answer.
A cache server that does not answer (CACHE_URL) costs the page its kept copy, never the page.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils.translation import get_language

from negotiations.read import selectors as core

from .http import PAGE_VERSION

log = logging.getLogger(__name__)


def _code_fingerprint() -> str:
    """A digest of the board's templates, stylesheet and code and of the status picture's
    code: a shared cache (CACHE_URL) never hands one release's page to the next."""
    roots = [Path(__file__).resolve().parent, Path(core.__file__).resolve().parents[1]]
    files = sorted(roots[0].rglob("*.*")) + sorted((roots[1] / "presentation").glob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        if path.suffix in (".py", ".html", ".css"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


CODE = _code_fingerprint()


@dataclass(frozen=True)
class Rendered:
    content: bytes
    status: int
    content_type: str
    slugs: frozenset[str]  # the actors the page names
    names: dict[str, str]  # their names when it was rendered


def key_for(request: HttpRequest, kind: str, *parts: object, understood: set[str]) -> str | None:
    """The cache key of this page, or None when its query string has a parameter the page
    does not read (rendered, not cached)."""
    if not set(request.GET) <= understood:
        return None
    query = list(request.GET.lists())  # in order: the pager's links repeat it as it came
    # The reader's language too: a page shows the names given in it (`name_in`).
    language = get_language()
    whole = (PAGE_VERSION, CODE, kind, parts, core.today(), query, settings.PUBLIC_READS, language)
    digest = hashlib.sha256(repr((*whole, get_script_prefix())).encode()).hexdigest()
    return f"board:{kind}:{digest}"


def cached(key: str | None) -> HttpResponse | None:
    """The page kept under `key`, if the actors it names still have the names it shows."""
    if key is None:
        return None
    try:
        entry: Rendered | None = cache.get(key)
    except Exception:  # the cache server is away: the page is made, as without a cache
        log.warning("The board's page cache could not be read.", exc_info=True)
        return None
    if entry is None or core.actor_names(entry.slugs) != entry.names:
        return None
    return HttpResponse(entry.content, status=entry.status, content_type=entry.content_type)


def keep(
    key: str | None, response: HttpResponse, slugs: set[str], names: dict[str, str]
) -> HttpResponse:
    """Keep the rendered page under `key` (when it has one)."""
    if key is None:
        return response
    entry = Rendered(
        content=response.content,
        status=response.status_code,
        content_type=response["Content-Type"],
        slugs=frozenset(s for s in slugs if s),
        names=names,
    )
    try:
        cache.set(key, entry)
    except Exception:  # the page is answered all the same
        log.warning("The board's page cache could not be written.", exc_info=True)
    return response
