"""The pages said when a request fails, in the reader's language (Django's own fallbacks are
English): a 404 says what was not found where the view said it; the 400, 403 and 500 pages
are the templates Django's own handlers render (`board/templates/`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader
from django.utils import translation
from django.utils.functional import Promise
from django.views import defaults

from tracker.i18n import page_language
from tracker.middleware import API, NOT_FOUND, api_json


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page: a view's own words ("No process 'x'.") where it gave some, never the
    resolver's inner details."""
    said = exception.args[0] if isinstance(exception, Http404) and exception.args else None
    if request.path_info.startswith(API):
        # An address under the API that names no endpoint answers in the API's error shape,
        # as every other API error does (README), not with the board's page.
        detail = str(said) if isinstance(said, str | Promise) else str(NOT_FOUND)
        return api_json({"code": "not_found", "detail": detail}, status=404)
    # In the page's language even when the refusal came before the language was chosen (a
    # path no database can store is refused first of all, `tracker.middleware`).
    with translation.override(page_language(request)):
        message = str(said) if isinstance(said, str | Promise) else ""
        page = loader.render_to_string("404.html", {"message": message}, request)
    return HttpResponseNotFound(page)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (a request for a Host this tracker does not serve, among others): under
    `/api/` in the API's error shape, as every other API error (an outside client got the
    board's HTML page), else Django's own with the board's template."""
    if request.path_info.startswith(API):
        detail = translation.gettext(
            "Bad request: a Host this tracker does not serve, or a request it cannot read."
        )
        return api_json({"code": "invalid", "detail": detail}, status=400)
    return defaults.bad_request(request, exception)
