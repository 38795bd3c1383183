"""The schema and its two readers (Swagger UI, Redoc): drf-spectacular's views, which take
`?lang=` (the schema's text in that language; the readers pass it on to the schema), reading
it as the feeds do but for their regional aliases (`tracker.i18n.TAG`): a language the
tracker does not speak, or `zh-CN` (which drf-spectacular would read as no language of the
six), is a 400 `invalid` naming the six, never a schema in English under the asked
language's name."""

from __future__ import annotations

from typing import Any

from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.i18n import TAG

from .renderers import JSONRenderer


class AskedLanguage:
    """Refuse an unknown `?lang=` before the view answers; its error is JSON, as every error
    of the API is, whatever the view's own format (YAML, HTML). OPTIONS is answered in JSON
    too, as on every other API view: the view's own renderer would write its description as
    a page (Redoc), as YAML under the schema's media type, or fail for want of a template
    (Swagger UI, a 500)."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]  # an APIView's
        refused: list[str] = []
        TAG.read(request, refused)  # (drf-spectacular reads `?lang=` as sent: no alias)
        if refused:
            raise ValidationError({TAG.name: [refusal.strip() for refusal in refused]})

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        if response.status_code >= 400 or request.method == "OPTIONS":
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]


class SchemaView(AskedLanguage, SpectacularAPIView):
    pass


class SwaggerView(AskedLanguage, SpectacularSwaggerSplitView):
    pass


class RedocView(AskedLanguage, SpectacularRedocView):
    pass
