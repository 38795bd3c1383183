"""Rendered board pages kept in Django's cache (issue 22: the board cost twice the API).

A page is a function of its read-model rows, today's date, its query string, its language, the
actors' names and this release's code: the key holds them all (the rows by their version,
which every event moves; the names by the actor registry's last change, which a renamed or
added actor moves without an event; the code by its fingerprint), so an entry is never
stale, only unused. The key holds the query as
the page reads it (`page_query`: its own parameters, each once, as it reads them, never an
empty one), and the page's links (the pager's, the languages') carry that query too: a
parameter repeated, empty, in another order or not read renders the same page, kept once, so
that odd query strings cannot push the useful entries out. The entry is the
body and its status; the headers (ETag, Cache-Control, the middleware's) are made afresh for
each answer. A cache server that does not answer (CACHE_URL) costs the page its kept copy,
never the page.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.encoding import escape_uri_path

from negotiations.read import selectors as core
from tracker.cache_guard import guarded

from .http import code_fingerprint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    content: bytes
    status: int
    content_type: str


def page_query(
    request: HttpRequest,
    reads: tuple[str, ...],
    means: Mapping[str, Callable[[str], str]] | None = None,
) -> QueryDict:
    """The query as a page reads it: each parameter of `reads` once, in that order, with the
    value the page reads (the last given, as `QueryDict.get` answers), and none that is empty
    (a page reads an empty one as not given) or that the page does not read. A parameter of
    `means` is its value as the page takes it ("on" and "1" mean "true"; a `history` other
    than "raw" means none), so that values the page reads alike share one entry."""
    query = QueryDict(mutable=True)
    for name in reads:
        value = request.GET.get(name, "")
        if means and name in means:
            value = means[name](value)
        if value:
            query[name] = value
    return query


def page_path(request: HttpRequest, query: QueryDict) -> str:
    """The page's address with `query` (`page_query`) as its query string: the one its
    links to itself in another language give."""
    path = escape_uri_path(request.path)  # as `get_full_path` gives it
    return f"{path}?{query.urlencode()}" if query else path


def key_for(kind: str, *parts: object, query: QueryDict) -> str:
    """The cache key of a page of `kind`, made from `parts` and `query` (`page_query`)."""
    language = translation.get_language()
    code = code_fingerprint()
    whole = (
        *(code, language, kind, parts, core.today()),
        sorted(query.items()),
        settings.PUBLIC_READS,
    )
    digest = hashlib.sha256(repr((*whole, get_script_prefix())).encode()).hexdigest()
    return f"board:{kind}:{digest}"


def cached(key: str | None) -> HttpResponse | None:
    """The page kept under `key`, if any."""
    if key is None:
        return None
    # The cache server away: the page is made, as without a cache.
    entry: Rendered | None = guarded(lambda: cache.get(key), None, "a board page read")
    if entry is None:
        return None
    return HttpResponse(entry.content, status=entry.status, content_type=entry.content_type)


def keep(key: str | None, response: HttpResponse) -> HttpResponse:
    """Keep the rendered page under `key` (when it has one). A refusal (400, a date that is
    no date) is not kept: made again each time, it costs little, and kept under every junk
    value anyone sends, it would fill the shared cache."""
    if key is None or response.status_code >= 400:
        return response
    entry = Rendered(
        content=response.content,
        status=response.status_code,
        content_type=response["Content-Type"],
    )
    guarded(lambda: cache.set(key, entry), None, "a board page kept")  # answered all the same
    return response
