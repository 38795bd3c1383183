"""Content negotiation that honours the `Accept` header's q-values (RFC 9110, 12.5.1).

DRF's `DefaultContentNegotiation` orders the media ranges by specificity alone and ignores
`q`, so `application/json;q=0.5, text/csv` answered JSON. Here each renderer gets the quality
of the most specific range that matches it (`q=0` refuses it), and the best quality wins; a
tie goes to the more specific range, then to the view's own order of renderers (as in DRF, so
that `*/*` still means the first renderer)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import SAFE_METHODS
from rest_framework.utils.mediatypes import media_type_matches

# What a write and every error answer in, whatever was asked: JSON, or the browsable API's
# page to a browser (the errors' handler, `api.errors`, keeps to them too).
WRITE_AND_ERROR_FORMATS = ("json", "api")


class MediaRange:
    """One range of an Accept header: `type/subtype;params`, its q-value apart."""

    def __init__(self, text: str) -> None:
        full_type, *pairs = text.split(";")
        self.type = full_type.strip().lower()
        params = {}
        for pair in pairs:
            key, _, value = pair.partition("=")
            if key.strip():
                params[key.strip().lower()] = value.strip()
        self.quality = _quality(params.pop("q", "1"))
        self.params = params
        self.text = ";".join([self.type, *(f"{k}={v}" for k, v in params.items())])

    @property
    def precedence(self) -> int:
        """3 with parameters, 2 for type/subtype, 1 for type/*, 0 for */* (DRF's scale)."""
        if self.type == "*/*":
            return 0
        if self.type.endswith("/*"):
            return 1
        return 3 if self.params else 2


def _quality(value: str) -> float:
    try:
        quality = float(value)
    except ValueError:
        return 0.0  # an unreadable weight is not a preference
    return quality if 0 <= quality <= 1 else 0.0


class QualityNegotiation(DefaultContentNegotiation):
    """Renderer choice by q-value; an unknown `?format=` is 406 `not_acceptable` naming the
    formats there are (DRF's own answer is a bare 404, as if the resource were missing)."""

    def filter_renderers(self, renderers, format):
        kept = [r for r in renderers if r.format == format]
        if not kept:
            formats = ", ".join(sorted({r.format for r in renderers}))
            raise NotAcceptable(
                _("No format '%(format)s' here: one of %(formats)s.")
                % {"format": format, "formats": formats}
            )
        return kept

    def select_renderer(self, request, renderers, format_suffix=None):
        if request.method not in SAFE_METHODS:
            # A write answers JSON (or the browsable API's page, to a browser) whatever else
            # it asks (RFC 9110 lets a server send what Accept did not list): its answer, the
            # recorded event and its position, has no table form, and a CSV answer of a
            # write it stored said nothing of it.
            kept = [r for r in renderers if r.format in WRITE_AND_ERROR_FORMATS]
            if kept:
                try:
                    return self._best(request, kept)
                except NotAcceptable:
                    return kept[0], kept[0].media_type
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format:
            renderers = self.filter_renderers(renderers, format)
        return self._best(request, renderers)

    def _best(self, request, renderers):
        """The renderer the Accept header prefers most, or NotAcceptable."""
        ranges = [MediaRange(t) for t in self.get_accept_list(request)]
        ranges = [r for r in ranges if r.type] or [MediaRange("*/*")]  # an empty header
        best = None
        for order, renderer in enumerate(renderers):
            matching = [r for r in ranges if media_type_matches(renderer.media_type, r.text)]
            if not matching:
                continue
            media_range = max(matching, key=lambda r: r.precedence)
            if media_range.quality <= 0:
                continue
            rank = (media_range.quality, media_range.precedence, -order)
            if best is None or rank > best[0]:
                best = (rank, renderer, media_range)
        if best is None:
            raise NotAcceptable(available_renderers=renderers)
        _, renderer, media_range = best
        if media_range.precedence < 2:  # a wildcard: the renderer's own type
            return renderer, renderer.media_type
        return renderer, media_range.text  # with the client's parameters (`indent=4`)
