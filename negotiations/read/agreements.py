"""Reads of the agreements read model, shared by the API, the board, the feeds and the
exports (the selectors of `negotiations.read.selectors`, for agreements)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from negotiations.domain import agreements as domain
from negotiations.domain.vocabulary import AgreementStatus
from negotiations.read.agreement_rows import agreement_from_row
from negotiations.read.models import Agreement, AgreementActor, Process


def agreements() -> QuerySet[Agreement]:
    """Every agreement, in signing order, with its process at hand."""
    return Agreement.objects.select_related("process").order_by(
        "signed_on", "process__name", "sequence"
    )


def of_process(process: Process) -> QuerySet[Agreement]:
    return agreements().filter(process=process)


def with_actor(
    queryset: QuerySet[Agreement], slug: str, roles: tuple[str, ...]
) -> QuerySet[Agreement]:
    """The agreements `slug` signed (roles `("signatory",)`) or stood by in `roles`."""
    held = AgreementActor.objects.filter(
        process=OuterRef("process"),
        agreement_slug=OuterRef("slug"),
        actor_slug=slug,
        role__in=roles,
    )
    return queryset.filter(Exists(held))


def by_process(process_ids: Iterable[Any]) -> dict[Any, list[Agreement]]:
    """The agreements of each of these processes, in signing order (one query)."""
    found: dict[Any, list[Agreement]] = {}
    rows = Agreement.objects.filter(process_id__in=list(process_ids))
    rows = rows.order_by("signed_on", "sequence")
    for row in rows.only("process_id", "slug", "title", "status", "signed_on", "sequence"):
        found.setdefault(row.process_id, []).append(row)
    return found


def in_force_filter(day: date) -> Q:
    """The agreements in force on world date `day`: the rule of `Agreement.status_on`
    (domain.agreements) as a query, on the row's dates."""
    return Q(in_force_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def in_force_on(process: Process, day: date) -> QuerySet[Agreement]:
    return of_process(process).filter(in_force_filter(day))


def status_filter(status: str, day: date) -> Q:
    """The agreements whose status on `day` is `status` (the lifecycle, as a query)."""
    signed = Q(signed_on__lte=day)
    closed = Q(closed_on__isnull=False, closed_on__lte=day)
    if status == AgreementStatus.IN_FORCE:
        return in_force_filter(day)
    if status == AgreementStatus.SIGNED:
        return signed & ~closed & (Q(in_force_on__isnull=True) | Q(in_force_on__gt=day))
    return closed & Q(status=status)


def on_date_item(a: domain.Agreement, day: date) -> dict[str, Any]:
    """An agreement as it stood on world date `day` (signed by then): its status that day,
    and only what had happened by then (votes, the day it took effect, ended or was
    rejected, the agreement that superseded it once signed)."""
    status = a.status_on(day)
    closed = a.closed_on is not None and a.closed_on <= day
    return {
        "agreement": a.slug,
        "title": a.title,
        "stage": a.stage,
        "status": status,
        "signed_on": a.signed_on,
        "signed_on_precision": a.signed_on_precision,
        "in_force_on": a.in_force_on if a.in_force_on and a.in_force_on <= day else None,
        "in_force_on_precision": a.in_force_on_precision,
        "closed_on": a.closed_on if closed else None,
        "closed_on_precision": a.closed_on_precision,
        "rejected_by": a.rejected_by if closed else "",
        "end_reason": a.end_reason if closed else "",
        "supersedes": a.supersedes,
        "votes": [v for v in a.votes if v["occurred_on"] <= day],
    }


def on_date_items(found: Iterable[domain.Agreement], day: date) -> list[dict[str, Any]]:
    """The agreements signed by `day`, each as it stood that day, in signing order; one that
    superseded another names it, and the other names it back once it was signed."""
    items = [
        on_date_item(a, day) for a in sorted(found, key=lambda a: a.sequence) if a.status_on(day)
    ]
    successors = {i["supersedes"]: i["agreement"] for i in items if i["supersedes"]}
    for item in items:
        item["superseded_by"] = successors.get(item["agreement"], "")
    return items


def on_date_now(process: Process, day: date) -> list[dict[str, Any]]:
    """`on_date_items` as the read model holds the agreements now."""
    rows = of_process(process).filter(signed_on__lte=day)
    return on_date_items((agreement_from_row(r) for r in rows), day)
