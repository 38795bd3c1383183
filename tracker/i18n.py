"""Which language a request is answered in (issue 26).

- A board page (the list, a process, `/about/`, `/subscribe/`, the feeds) is in the language
  of its prefix: `/fr/processes/...` in French, `/ar/...` in Arabic; unprefixed, English (the
  source language). Its address alone says its language, so a link or a cached copy never
  changes language with the reader.
- `/` alone is the door: a reader whose language cookie (set by the language switch) or,
  without one, whose `Accept-Language` prefers one of the other five languages is sent to
  that language's board (`/fr/`); the answer varies by both.
- Everything else (the API, the admin, the digests' pages) answers in the language the
  request asks for: the language cookie, else `Accept-Language`, else English.
- What takes `?lang=` (the feeds, read by programs that keep an address) reads it with
  `LANGUAGE`: one of the six in any case, or a regional tag of one ("fr-CA", "zh-CN"), else a
  400; the API's schema and docs (drf-spectacular's, which read the parameter themselves)
  with `TAG`: one of the six as written, in any case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy

from tracker import links
from tracker.queries import Choice

# Paths whose answer follows the request's language rather than a prefix.
NEGOTIATED = ("/api/", "/admin/", "/digests/")
# A year: the reader's choice of language outlives the session.
COOKIE_AGE = 365 * 24 * 3600


# `?lang=`: a language tag of the six (BCP 47 tags ignore case), else refused naming them.
# Chinese as written in Simplified script ("zh-CN", "zh_Hans"): the tracker's zh-hans. Not
# Traditional ("zh-TW", "zh-Hant"), which a reader asked for and would not be given.
SIMPLIFIED_CHINESE = frozenset({"zh", "zh-cn", "zh-sg", "zh-my", "zh-hans-cn", "zh-hans-sg"})


def _supported(tag: str) -> str:
    """A tag as the language the tracker speaks for it ("fr-CA": fr, "zh-CN": zh-hans), or
    as given, then refused: a feed reader pasting `zh-CN` was refused (a Chinese reader's
    outside test)."""
    tag = tag.replace("_", "-")
    if tag in SIMPLIFIED_CHINESE:
        return "zh-hans"
    primary = tag.split("-")[0]
    spoken = {code for code, _name in settings.LANGUAGES}
    return primary if primary in spoken and primary != tag else tag


LANGUAGE = Choice(
    "lang",
    [code for code, _name in settings.LANGUAGES],
    gettext_lazy("There is no language '%(lang)s': choose one of %(choices)s.\n"),
    any_case=True,
    alias=_supported,
)
TAG = dataclasses.replace(LANGUAGE, alias=None)


def requested_language(request: HttpRequest) -> str:
    """The language cookie's, else the best of `Accept-Language`, else English."""
    return translation.get_language_from_request(request, check_path=False)


def page_language(request: HttpRequest) -> str:
    """The language a page at this address is said in: its prefix's on the board, the
    request's for the API, the admin and the digests' pages, else English."""
    path = request.path_info
    prefixed = translation.get_language_from_path(path)
    if prefixed:
        return prefixed
    if path.startswith(NEGOTIATED):
        return requested_language(request)
    return settings.LANGUAGE_CODE


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (it sends `Content-Language` and `Vary: Accept-Language`),
    with the choice above: the prefix for the board, the request for the rest."""

    def __call__(self, request: HttpRequest) -> HttpResponseBase | Awaitable[HttpResponseBase]:
        if request.path_info == "/" and request.method in ("GET", "HEAD"):
            wanted = requested_language(request)
            if wanted != settings.LANGUAGE_CODE:
                return self._to_board_in(wanted, request)
        return super().__call__(request)

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(page_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        # The thread's next work (another request, a digest sent in-process) starts in the
        # default language, not in this reader's.
        translation.deactivate()
        return response

    @staticmethod
    def _to_board_in(language: str, request: HttpRequest) -> HttpResponse:
        with translation.override(language):
            target = reverse("board:process-list")
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(f"{target}?{query}" if query else target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def page_languages(request: HttpRequest, path: str) -> list[dict[str, Any]]:
    """Every language with the address `path` (a path and its query) in it, for the language
    switch and the `hreflang` alternates. A page kept in the cache gives its address as it
    reads it (`board.pagecache.page_path`), so that the addresses it asked otherwise share
    its copy."""
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "bidi": translation.get_language_info(code)["bidi"],
            "current": code == current,
            "url": translate_url(path, code),
            "absolute_url": links.absolute(translate_url(path, code), request),
            "switch_url": reverse("choose-language", args=[code]) + "?" + urlencode({"next": path}),
        }
        for code, name in settings.LANGUAGES
    ]


def languages(request: HttpRequest) -> dict[str, Any]:
    """Template context: every language with this page's address in it (`page_languages`),
    made when a template reads it: the admin's pages never do, and a 400's page must not
    read the address of a request for a host this tracker does not serve."""
    return {
        "page_languages": SimpleLazyObject(lambda: page_languages(request, request.get_full_path()))
    }


def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch: remember the reader's choice (a cookie that `/` follows, as do the
    API and the admin) and show the page they were on in that language."""
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    page = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}):
        page = "/"
    # Read in the language of its own address: Django's `translate_url` resolves the page in
    # the active language, English on this path, so a page under `/ru/` was sent back to
    # itself and no reader could leave a language but English (an outside reader's finding).
    with translation.override(translation.get_language_from_path(page) or settings.LANGUAGE_CODE):
        target = translate_url(page, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
