"""What every request meets before any view: text that no database can store is refused at the
edge, and the browser is told what a page may load and use (CSP, Permissions-Policy).

NUL (U+0000) is refused by PostgreSQL in text, and a lone surrogate (U+D800-U+DFFF) cannot be
encoded as UTF-8, so either one reaching a query or an insert was a 500. Both arrive through
a path (`%00`), a query string, a form field or a JSON escape (`"\\u0000"`, `"\\ud800"`: JSON
parsers accept them). Here a path with one answers 404 (no such page can exist) and a query
or a body 400 naming the field, before any view runs; as does a form with more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS (Django's TooManyFieldsSent). API paths answer in the API's
error shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.renderers import BrowsableAPIRenderer

from tracker.i18n import NEGOTIATED, page_language

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# A JSON body can only carry either as an escape; only a body with one is parsed here.
ESCAPED = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
API = "/api/"


def unstorable(text: str) -> bool:
    return UNSTORABLE.search(text) is not None


def unstorable_fields(data: Any, where: str = "") -> Iterator[str]:
    """The path of each key or string in `data` holding NUL or a lone surrogate, spelled as
    the API's other refusals name a field (`causes[0].description`; `""` for the top level)."""
    if isinstance(data, str):
        if unstorable(data):
            yield where
        return
    if isinstance(data, dict):
        items: Iterable[tuple[Any, Any]] = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        name = f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else key
        if isinstance(key, str) and unstorable(key):
            yield UNSTORABLE.sub("?", name)
        else:
            yield from unstorable_fields(value, name)


NOT_FOUND = gettext_lazy("Not found.")  # told in the page's language (`tracker.errors`)


class Refusal(Exception):
    """`detail` is lazy, said in the request's language when answered (`answer`), with
    `values` if it has any."""

    def __init__(
        self, status: int, field: str, detail: str | Promise, *more: str, **values: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.values = status, detail, values
        self.field, self.fields = field, [field, *more]

    def said(self) -> str:
        return str(self.detail) % self.values if self.values else str(self.detail)


class CleanInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_path(request)
            check_query(request)
            check_body(request)
        except Refusal as refusal:
            return answer(request, refusal)
        return self.get_response(request)


def check_path(request: HttpRequest) -> None:
    if unstorable(request.path_info):
        raise Refusal(404, "", NOT_FOUND)


def check_query(request: HttpRequest) -> None:
    try:
        fields = list(request.GET.lists())
    except TooManyFieldsSent:
        raise too_many_fields()
    check_fields(fields, QUERY_NAME, QUERY_VALUE)


def check_body(request: HttpRequest) -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    # A body sent in chunks comes with no length, and WSGI reads none of it: the API told a
    # client the fields it had sent were missing (an attacker's outside test). 411 says why.
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    takes_a_body = request.method in ("POST", "PUT", "PATCH")  # a DELETE reads none
    if chunked and takes_a_body and not request.META.get("CONTENT_LENGTH"):
        raise Refusal(411, "non_field_errors", CHUNKED)
    content_type = request.content_type or ""
    if content_type in FORMS:
        try:
            # The body kept first (at most DATA_UPLOAD_MAX_MEMORY_SIZE): parsing the form from
            # the stream would leave none for the API's parsers, which then read an empty
            # body where a form sent to a JSON endpoint is a 415.
            request.body  # noqa: B018
            fields = list(request.POST.lists())
        except (TooManyFieldsSent, TooManyFilesSent):
            raise too_many_fields()
        except (RequestDataTooBig, MultiPartParserError):
            return  # the view's own refusal (a 400) says what is wrong
        check_fields(fields, FIELD_NAME, FIELD_VALUE)
    elif content_type == "application/json" or content_type.endswith("+json"):
        check_json(request)


def check_fields(fields: list[tuple[str, list[str]]], in_name: Promise, in_value: Promise) -> None:
    for key, values in fields:
        if unstorable(key):
            raise Refusal(400, "non_field_errors", in_name)
        if any(unstorable(value) for value in values):
            raise Refusal(400, key, in_value)


def check_json(request: HttpRequest) -> None:
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return  # too large to read here: the parser refuses it
        body = request.body
    except (ValueError, RequestDataTooBig):
        return
    if not ESCAPED.search(body):
        return
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return  # malformed: the parser refuses it with its own message
    fields = [name or "non_field_errors" for name in unstorable_fields(data)]
    if fields:
        raise Refusal(400, fields[0], JSON_VALUE, *fields[1:])


# Said in the request's language (a review found the 411 English in every language).
QUERY_NAME = gettext_lazy(
    "A query parameter name holds a NUL character or a lone surrogate, which cannot be stored."
)
QUERY_VALUE = gettext_lazy(
    "The query parameter holds a NUL character or a lone surrogate, which cannot be stored."
)
FIELD_NAME = gettext_lazy(
    "A field name holds a NUL character or a lone surrogate, which cannot be stored."
)
FIELD_VALUE = gettext_lazy(
    "The field holds a NUL character or a lone surrogate, which cannot be stored."
)
JSON_VALUE = gettext_lazy(
    "The value holds a NUL character or a lone surrogate, which cannot be stored."
)
CHUNKED = gettext_lazy("A body sent in chunks is not read: send it whole, with its Content-Length.")


def too_many_fields() -> Refusal:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    many = gettext_lazy("The request has more than %(limit)s fields.")
    return Refusal(400, "non_field_errors", many, limit=limit)


def answer(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    if refusal.status == 404 and not request.path_info.startswith(API):
        raise Http404(refusal.detail)  # Django's own 404 page, in the page's language
    # This runs before the language is chosen (`tracker.i18n`): the same choice, here, and
    # said as every answer says it (an Arabic reader's outside test found neither header).
    language = page_language(request)
    with translation.override(language):
        response = _refused(request, refusal)
    response["Content-Language"] = language
    if request.path_info.startswith(NEGOTIATED):  # a board page's is its prefix's alone
        patch_vary_headers(response, ("Accept-Language",))
    return response


def _refused(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    said = refusal.said()
    if not request.path_info.startswith(API):
        plain = "text/plain; charset=utf-8"
        return HttpResponse(said, content_type=plain, status=refusal.status)
    if refusal.status in (404, 411):
        code = "not_found" if refusal.status == 404 else "length_required"
        return api_json({"code": code, "detail": said}, status=refusal.status)
    detail = said
    if refusal.field != "non_field_errors":
        detail = _("%(field)s: %(message)s") % {"field": refusal.field, "message": said}
    errors = {field: [said] for field in refusal.fields}
    return api_json({"code": "invalid", "detail": detail, "errors": errors}, status=400)


def api_json(body: dict[str, Any], *, status: int) -> JsonResponse:
    """An answer the API's error handler does not make (a refusal before the view, an
    address that names no endpoint), written as the API's renderer writes JSON: compact,
    the reader's letters as they are (they were `\\u`-escaped)."""
    written = {"ensure_ascii": False, "separators": (",", ":")}
    return JsonResponse(body, status=status, json_dumps_params=written)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every answer: no page of the tracker uses the camera, the
    microphone, the location or payment, and none lets an embedded frame use them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class ApiSlashMiddleware:
    """An API address written without its trailing slash (`…/events`) answers 308 to the one
    with it, in the API's shape: a client follows it with the same method and body. Django's
    own 301 turned a client's POST into a GET of the timeline, which answered 200: the write
    was lost with no error (a generated client's outside test); with DEBUG on it was a 500.
    An address that names nothing either way is left to the 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        urlconf = getattr(request, "urlconf", None)
        if path.startswith(API) and not path.endswith("/") and is_valid_path(path + "/", urlconf):
            moved = request.get_full_path(force_append_slash=True)
            response = api_json(
                {
                    "code": "moved",
                    "detail": str(_("API addresses end with a slash: %(address)s"))
                    % {"address": moved},
                },
                status=308,
            )
            response["Location"] = moved
            return response
        return self.get_response(request)


class CredentialedAnswersMiddleware:
    """An API answer to a request carrying a token, or a signed-in session's (the browsable
    API), is that client's (its webhooks, with their receivers' addresses): `Cache-Control:
    private`, and every API answer varies by
    `Authorization`, so that no shared cache serves one client's answer to another. Shared
    caches should not store such answers anyway (RFC 9111, 3.5); this says it outright. An
    answer that is `no-store` already (a shown secret) is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(API):  # under any script prefix, as the others
            patch_vary_headers(response, ("Authorization",))
            user = getattr(request, "user", None)
            signed_in = "HTTP_AUTHORIZATION" in request.META or bool(
                user is not None and user.is_authenticated  # the browsable API's session
            )
            if signed_in and "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (CONTENT_SECURITY_POLICY in settings), through its documented
    hook: DRF's browsable API writes style attributes and its scripts add <style> elements,
    which no nonce can cover, so its HTML pages alone allow inline styles. Scripts stay this
    origin's only there too; its JSON, the board, the admin and the docs keep the policy."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        renderer = getattr(response, "accepted_renderer", None)
        if isinstance(renderer, BrowsableAPIRenderer) and parts.replace is None:
            parts.replace = {"style-src": [SELF, UNSAFE_INLINE]}
        return parts
