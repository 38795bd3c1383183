"""`/about/`: what the tracker is and where to go (the board, its feeds, the API and its
docs, the admin, each process's board page). A page of the board: its layout, stylesheet and
navigation (board/base.html), so a reader always has the way back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from board.http import public_read
from negotiations.read import selectors
from negotiations.write.permissions import may_use_admin


# It lists every process: with PUBLIC_READS off it sends the reader to log in, as the board's
# other pages do.
@public_read()
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
