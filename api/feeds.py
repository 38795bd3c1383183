"""The feeds a consumer polls: status changes (a change log with amendments) and every event
in store order."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from negotiations.domain.errors import ProcessNotFound
from negotiations.read import selectors
from negotiations.read.consistency import last_recorded_position
from negotiations.read.models import TimelineEntry

from . import schemas
from .representations import (
    feed_repr,
    status_change_repr,
)
from .requests import query_datetime, query_int

FEED_LIMIT_MAX = 1000


def refuse_past_the_store(after: int) -> None:
    """A cursor past the store's end (a store restored from an older backup) is refused:
    polling on from it would pass over every event up to it without a word."""
    if after > (last := last_recorded_position()):
        message = _(
            "No event has position %(after)s: the event store's last position is "
            "%(last)s. Start again from a position you have read, or from 0."
        )
        raise ValidationError({"after": [message % {"after": after, "last": last}]})


class StatusChangeFeedView(generics.GenericAPIView):
    paginated = True  # pages by hand: api.openapi documents its page parameters
    filter_backends: list = []
    queryset = TimelineEntry.objects.none()  # the browsable API's filter form asks for one

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Rows recorded at or after this time (each row's own recorded_at).",
            ),
            OpenApiParameter("process", str, description="UUID or slug."),
            OpenApiParameter(
                "after",
                {"type": "integer", "minimum": 0},
                description="Rows whose event's store position is after this one, in store "
                "order (the order of the commits): poll from the last row's `position` and no "
                "row is missed. Record times are not in commit order by some milliseconds "
                "under concurrent writes: polling by `since` can miss a row.",
            ),
        ],
        responses={200: schemas.StatusChangeRow(many=True)},
    )
    def get(self, request):
        """The status-change log, newest last: each status change as recorded (`kind`
        `recorded`), and each correction or retraction that changed one (`corrected`,
        `retracted`, with `amends`, `reason` and the change as it now stands, `to_status`
        null for a retraction). Applied in order, the rows give the corrected history."""
        since = query_datetime(request, "since")
        ref = request.query_params.get("process")
        process = None
        if ref:
            try:
                process = selectors.process_by_ref(ref)
            except ProcessNotFound:
                raise ValidationError({"process": [_("No process '%(slug)s'.") % {"slug": ref}]})
        asked = request.query_params.get("after", "") != ""
        after = query_int(request, "after", 0, minimum=0) if asked else None
        rows = selectors.status_changes(since=since, process=process, after=after)
        page = self.paginate_queryset(rows) or []
        if not page and after is not None:
            refuse_past_the_store(after)
        return self.get_paginated_response([status_change_repr(p) for p in page])


class EventFeedView(APIView):
    answer_headers = {"GET": {"200": ("Link",)}}  # a full page's next (api.openapi)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "integer", "minimum": 0},
                description="Position to start after (default 0).",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1},
                description=f"At most {FEED_LIMIT_MAX} rows (more is clipped; default 100).",
            ),
        ],
        responses={200: schemas.EventFeed},
    )
    def get(self, request):
        """Every event in store order, as recorded, for consumers that replicate."""
        after = query_int(request, "after", 0, minimum=0)
        limit = min(query_int(request, "limit", 100, minimum=1), FEED_LIMIT_MAX)
        rows = selectors.event_feed(after=after, limit=limit)
        if not rows:
            refuse_past_the_store(after)
        next_after = rows[-1].position if rows else after
        # RFC 8288's rel="next" only while a page came back full: more may follow at once. A
        # page short of it is the store's end for now, and a pager following "next" until it
        # is gone stops there (a feed reader's outside test went on for ever, the last page
        # naming itself as next); a poller asks again from `next_after`.
        headers = {}
        if len(rows) == limit:
            url = request.build_absolute_uri()
            following = replace_query_param(
                replace_query_param(url, "after", next_after), "limit", limit
            )
            headers["Link"] = f'<{following}>; rel="next"'
        return Response(
            {"results": [feed_repr(r) for r in rows], "next_after": next_after}, headers=headers
        )
