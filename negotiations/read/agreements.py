"""Reads of the agreements read model, shared by the API, the board, the feeds and the
exports (the selectors of `negotiations.read.selectors`, for agreements)."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from negotiations.domain import agreement_dates as dates
from negotiations.domain import agreements as domain
from negotiations.domain.vocabulary import AgreementStatus
from negotiations.read.agreement_rows import dated
from negotiations.read.models import Agreement, AgreementActor, Process


def agreements() -> QuerySet[Agreement]:
    """Every agreement, in signing order, with its process at hand; ties by the process's
    name, then its slug (names are not unique: a walk of 64 agreements signed on one day in
    processes of five names met three twice and three never, a review), then the sequence."""
    return Agreement.objects.select_related("process").order_by(
        "signed_on", "process__name", "process__slug", "sequence"
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
    columns = ("process_id", "slug", "title", "status", "concluded", "signed_on", "sequence")
    for row in rows.only(*columns):
        found.setdefault(row.process_id, []).append(row)
    return found


def _not_closed(day: date) -> Q:
    """Not rejected or ended by `day` (the converse of `closed_filter`, nulls included)."""
    return Q(closed_on__isnull=True) | Q(closed_on__gt=day)


def in_force_filter(day: date) -> Q:
    """The agreements in force on world date `day`: the rule of `Agreement.status_on`
    (domain.agreements) as a query, on the row's dates."""
    return Q(in_force_on__lte=day) & _not_closed(day)


def in_force_on(process: Process, day: date) -> QuerySet[Agreement]:
    return of_process(process).filter(in_force_filter(day))


def closed_filter(day: date) -> Q:
    """The agreements rejected or ended by `day` (`agreement_dates.closed_by`, as a query)."""
    return Q(closed_on__isnull=False, closed_on__lte=day)


def open_filter(day: date) -> Q:
    """The agreements signed by `day` and not closed then: signed, or in force."""
    return Q(signed_on__lte=day) & _not_closed(day)


def status_filter(status: str, day: date) -> Q:
    """The agreements whose status on `day` is `status` (the lifecycle, as a query)."""
    if status == AgreementStatus.IN_FORCE:
        return in_force_filter(day)
    if status == AgreementStatus.SIGNED:
        return open_filter(day) & (Q(in_force_on__isnull=True) | Q(in_force_on__gt=day))
    return closed_filter(day) & Q(status=status)


def with_status(
    queryset: QuerySet[Agreement], statuses: Iterable[str], day: date | None = None
) -> QuerySet[Agreement]:
    """The agreements whose status is one of `statuses`: now, or on world date `day`."""
    if day is None:
        return queryset.filter(status__in=list(statuses))
    either = Q()
    for status in statuses:
        either |= status_filter(status, day)
    return queryset.filter(either)


# The status on a date lists every agreement open then (signed, or in force) and only the
# CLOSED_LISTED latest closed by then (rejected or ended; the latest `closed_on` first, the
# later signed first on the same day): its answer stays bounded however long the process's
# past. `OnDate.not_listed` counts the closed ones left out; the agreements list has them all
# (`?status_on=`). One rule, applied twice: `listed` over folded agreements (the "as known
# at" replay) and `listed_now` in SQL over the read model; a test holds them equal.
CLOSED_LISTED = 5


@dataclass
class OnDate:
    """The agreements listed on a date, in signing order, each as it stood then, and how many
    agreements closed by then the list leaves out."""

    items: list[dict[str, Any]]
    not_listed: int = 0


def _latest_closed_first(a: domain.Agreement) -> tuple[date, int]:
    return (a.closed_on or a.signed_on, a.sequence)


def on_date_item(a: Any, day: date) -> dict[str, Any]:
    """An agreement as it stood on world date `day` (signed by then): its status that day,
    and only what had happened by then (votes, alleged breaches, the day it took effect,
    ended or was rejected). `a` is a domain agreement or a read-model row with these columns."""
    closed = dates.closed_by(a, day)
    in_force = a.in_force_on is not None and a.in_force_on <= day
    return {
        "agreement": a.slug,
        "title": a.title,
        "stage": a.stage,
        "status": dates.status_on(a, day),
        "signed_on": a.signed_on,
        "signed_on_precision": a.signed_on_precision if a.signed_on else None,
        "concluded": a.concluded,
        # A precision is null beside no date, as in the agreements' own list.
        "in_force_on": a.in_force_on if in_force else None,
        "in_force_on_precision": a.in_force_on_precision if in_force else None,
        "closed_on": a.closed_on if closed else None,
        "closed_on_precision": a.closed_on_precision if closed else None,
        "rejected_by": a.rejected_by if closed else "",
        "end_reason": a.end_reason if closed else "",
        "supersedes": a.supersedes,
        "votes": [v for v in dated(a.votes) if v["occurred_on"] <= day],
        "breaches": [b for b in dated(a.breaches) if b["occurred_on"] <= day],
    }


def listed(found: Iterable[domain.Agreement], day: date) -> OnDate:
    """The agreements of `found` the status on `day` lists (`CLOSED_LISTED`), each as it stood
    that day; one that superseded another names it, and the other names it back once it was
    signed."""
    signed = sorted((a for a in found if a.signed_on <= day), key=lambda a: a.sequence)
    closed = sorted(
        (a for a in signed if dates.closed_by(a, day)), key=_latest_closed_first, reverse=True
    )
    shown = {a.slug for a in closed[:CLOSED_LISTED]}
    items = [on_date_item(a, day) for a in signed if a.slug in shown or not dates.closed_by(a, day)]
    successors = {a.supersedes: a.slug for a in signed if a.supersedes}
    by_slug = {a.slug: a for a in signed}
    for item in items:
        item["superseded_by"] = successor_on(by_slug[item["agreement"]], day, successors, by_slug)
    return OnDate(items, len(closed) - len(shown))


def successor_on(
    agreement: Any, day: date, successors: dict[str, str], signed: Container[str]
) -> str:
    """What had superseded `agreement` by `day`: a successor signed by then that says it
    supersedes it, or the agreement's own end, `superseded` by then, naming a successor
    signed by then (`signed`: the slugs signed by `day`), so that a link recorded on one side
    only reads the same everywhere."""
    named_by_successor = successors.get(agreement.slug, "")
    if named_by_successor:
        return named_by_successor
    ended_so = agreement.end_reason == "superseded" and dates.closed_by(agreement, day)
    return agreement.superseded_by if ended_so and agreement.superseded_by in signed else ""


# The columns an item is made of (`on_date_item`), and `superseded_by`: the rest of the row is
# not read.
_ITEM_COLUMNS = (
    "slug",
    "title",
    "stage",
    "status",
    "sequence",
    "signed_on",
    "signed_on_precision",
    "concluded",
    "in_force_on",
    "in_force_on_precision",
    "closed_on",
    "closed_on_precision",
    "rejected_by",
    "end_reason",
    "supersedes",
    "superseded_by",
    "votes",
)


def listed_now(process: Process, day: date) -> OnDate:
    """`listed` as the read model holds the agreements now: one query of the item's columns
    (the open rows, the latest closed rows, the count of all closed), and a second only if a
    listed agreement was ever superseded (a row whose `superseded_by` is empty never was:
    signing its successor sets it), for the successor signed by `day`."""
    of_it = Agreement.objects.filter(process=process)
    closed_by_then = of_it.filter(closed_filter(day))
    latest = closed_by_then.order_by("-closed_on", "-sequence").values("pk")[:CLOSED_LISTED]
    count = closed_by_then.order_by().values("process").annotate(n=Count("pk")).values("n")
    found: list[Any] = list(
        of_it.filter(open_filter(day) | Q(pk__in=latest))
        .only(*_ITEM_COLUMNS)
        .annotate(closed=Subquery(count))
        .order_by("sequence")
    )
    closed_rows = [r for r in found if dates.closed_by(r, day)]
    superseded = [r.slug for r in found if r.superseded_by]
    successors = dict(
        Agreement.objects.filter(process=process, signed_on__lte=day, supersedes__in=superseded)
        .order_by("sequence")
        .values_list("supersedes", "slug")
        if superseded
        else ()
    )
    named_by_ends = [r.superseded_by for r in found if r.end_reason == "superseded"]
    signed = set(
        Agreement.objects.filter(
            process=process, signed_on__lte=day, slug__in=named_by_ends
        ).values_list("slug", flat=True)
        if named_by_ends
        else ()
    )
    items = [
        {**on_date_item(row, day), "superseded_by": successor_on(row, day, successors, signed)}
        for row in found
    ]
    closed = (found[0].closed or 0) if found else 0
    return OnDate(items, closed - len(closed_rows))
