"""`/about/`: what the tracker is and where to go (the board, its feeds, the API and its
docs, the admin, each process's board page). A page of the board: its layout, stylesheet and
navigation (board/base.html), so a reader always has the way back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from board.http import changed_or_today, etag_for, not_modified, public_read, stamp
from board.presenters import expected_back, name_html, process_shown, short_date
from board.selectors import board_freshness
from negotiations.read import selectors
from negotiations.write.permissions import may_use_admin


# It lists every process: with PUBLIC_READS off it sends the reader to log in, as the board's
# other pages do.
@public_read()
def landing(request: HttpRequest) -> HttpResponse:
    # Its ETag and Last-Modified, as every page's (a feed reader's outside test found none):
    # the board's last change, the day (what is overdue), and whether it links the admin.
    changed, count, events = board_freshness()
    admin = may_use_admin(request.user)
    etag = etag_for("about", changed, count, events, selectors.today(), admin)
    last = changed_or_today(changed, selectors.today())
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    processes = selectors.processes().order_by("name")
    response = TemplateResponse(
        request,
        "landing/index.html",
        {
            # Dates as the board's list shows them (`short_date`: Django's formats for each
            # language, as precise as they are known).
            "processes": [
                (
                    p,
                    name_html(process_shown(p)),  # in the reader's language, as the board's
                    selectors.is_overdue(p),
                    short_date(p.status_since, p.status_since_precision),
                    # As the board's list says it ("overdue (expected Sep 2016)").
                    expected_back(
                        p.expected_resumption_on,
                        p.expected_resumption_precision,
                        overdue=True,
                    ),
                )
                for p in processes
            ],
            "can_browse_admin": admin,
        },
    )
    return stamp(response, etag, last)
