"""`/about/`: what the tracker is and where to go (the board, its feeds, the API and its
docs, the admin, each process's board page). A page of the board: its layout, stylesheet and
navigation (board/base.html), so a reader always has the way back."""

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
