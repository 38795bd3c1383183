"""One DRF endpoint: validate the same payload as the tracker, check the status machine,
update the status row (simple-history writes its history row) and insert a timeline row."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import ReadPublicWriteRecorders
from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.errors import DomainError, InvalidEvent, OutOfOrder
from negotiations.domain.specs import parse_body
from negotiations.domain.status_machine import TRANSITIONS, next_status
from negotiations.write.application import unknown_actors_in_registry
from negotiations.write.records import jsonable

from .models import TimelineRow, TrackedProcess

STATUS_EVENTS = {str(e) for changes in TRANSITIONS.values() for e in changes}


def summary(p: TrackedProcess) -> dict:
    return {
        "id": p.pk,
        "slug": p.slug,
        "name": p.name,
        "conflict": p.conflict,
        "status": p.status,
        "status_since": p.status_since,
        "expected_resumption_on": p.expected_resumption_on,
        "last_event_on": p.last_event_on,
        "version": p.version,
    }


class RecordEventView(APIView):
    # The same rule as the tracker's: writers need the recording permission.
    permission_classes = [ReadPublicWriteRecorders]

    def post(self, request, slug):
        body = dict(request.data)
        event_type = body.pop("type", None)
        try:
            values = parse_body(str(event_type), body)
            named = referenced_actors(values)
            unknown = unknown_actors_in_registry(named)
            if unknown:
                raise InvalidEvent({named[s]: [f"Unknown actor '{s}'."] for s in unknown})
            with transaction.atomic():
                process = get_object_or_404(TrackedProcess.objects.select_for_update(), slug=slug)
                occurred = values.get("occurred_on")
                if event_type in STATUS_EVENTS:
                    if process.latest_change_on and occurred < process.latest_change_on:
                        raise OutOfOrder(occurred, process.latest_change_on)
                    process.status = next_status(process.status, event_type)
                    process.status_since = process.latest_change_on = occurred
                    process.expected_resumption_on = values.get("expected_resumption_on")
                process.version += 1
                process.last_event_on = max(filter(None, [process.last_event_on, occurred]))
                process.updated_at = timezone.now()
                process.save()
                row = TimelineRow.objects.create(
                    process=process,
                    sequence=process.version,
                    type=event_type,
                    occurred_on=occurred,
                    recorded_at=process.updated_at,
                    recorded_by=request.user.get_username(),
                    body=jsonable(values),
                )
        except DomainError as e:
            return Response(e.as_dict(), status=400 if e.code == "invalid" else 409)
        event = {**row.body, "type": row.type, "sequence": row.sequence}
        event.update(recorded_at=row.recorded_at, recorded_by=row.recorded_by)
        return Response(
            {"event": event, "process": summary(process), "position": row.pk},
            status=status.HTTP_201_CREATED,
        )
