"""The landing page at `/`: what the tracker is and where to go (the admin, the API and its
docs, the processes). Self-contained (this module, its URL and one template) so that a public
board can take `/` over by replacing the one line in tracker/urls.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from negotiations.read import selectors
from negotiations.write.permissions import may_use_admin


def landing(request: HttpRequest) -> HttpResponse:
    processes = selectors.processes().order_by("name")
    return TemplateResponse(
        request,
        "landing/index.html",
        {
            "processes": [(p, selectors.is_overdue(p)) for p in processes],
            "can_browse_admin": may_use_admin(request.user),
        },
    )
