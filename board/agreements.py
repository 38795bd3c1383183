"""The board's agreements page (`/agreements/`): every agreement, filtered by stage and status."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from negotiations.domain.vocabulary import AGREEMENT_STAGE_LABELS, AGREEMENT_STATUS_LABELS
from negotiations.read import agreements as reads
from tracker.queries import Choice

from . import selectors as board
from .agreement_items import actor_slugs, agreement_items, stage_label, status_choice_label
from .http import not_modified, public_read, stamp, validators

STAGE = Choice(
    "stage",
    AGREEMENT_STAGE_LABELS,
    gettext_lazy("There is no stage '%(stage)s': choose one of %(choices)s."),
    label=stage_label,
)
STATUS = Choice(
    "status",
    AGREEMENT_STATUS_LABELS,
    gettext_lazy("There is no status '%(status)s': choose one of %(choices)s."),
    label=status_choice_label,
)


@public_read()
def agreements_page(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    stage, status = STAGE.read(request, errors), STATUS.read(request, errors)
    query = {k: v for k, v in (("stage", stage), ("status", status)) if v}
    changed, count, events = board.board_freshness()
    parts = ("agreements", changed, count, events, sorted(request.GET.items()))
    etag, last = validators(*parts, last=changed)
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    rows = list(reads.agreements().filter(**query))
    response = render(
        request,
        "board/agreements.html",
        {
            "agreements": agreement_items(rows, board.actor_names(actor_slugs(rows))),
            "stages": {s: stage_label(s) for s in AGREEMENT_STAGE_LABELS},
            "statuses": {s: status_choice_label(s) for s in AGREEMENT_STATUS_LABELS},
            "chosen": {"stage": stage, "status": status},
            "filtered": bool(query),
            "pax_url": f"{reverse('api:agreement-list')}?{urlencode({**query, 'format': 'pax'})}",
            "errors": errors,
        },
        status=400 if errors else 200,
    )
    return stamp(response, etag, last)
