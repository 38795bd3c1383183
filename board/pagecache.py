"""Rendered board pages kept in Django's cache (issue 22: the board cost twice the API).

A page is a function of its read-model rows, today's date, its query string, its language, the
actors' names and this release's code: the key holds all but the names (the rows by their
version, which every event moves; the code by its fingerprint), so an entry is never stale,
only unused. The names are checked on every hit (one indexed query): an actor renamed or added
in the registry moves no version, and the entry is rendered again. Only the query strings a
page understands are cached, so odd ones cannot push the useful entries out. The entry is the
body and its status; the headers (ETag, Cache-Control, the middleware's) are made afresh for
each answer. A cache server that does not answer (CACHE_URL) costs the page its kept copy,
never the page.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils import translation

from negotiations.read import selectors as core

from .http import PAGE_VERSION

log = logging.getLogger(__name__)


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
    language = translation.get_language()
    code = code_fingerprint()
    whole = (PAGE_VERSION, code, language, kind, parts, core.today(), query, settings.PUBLIC_READS)
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
