"""The board's agreements page (`/agreements/`): every agreement, filtered by stage and status."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import AGREEMENT_STAGE_LABELS, AGREEMENT_STATUS_LABELS
from negotiations.read import agreements as reads

from . import selectors as board
from .agreement_items import actor_slugs, agreement_items, stage_label, status_label
from .http import etag_for, not_modified, public_read, stamp


@public_read()
def agreements_page(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    status = request.GET.get("status", "")
    errors = []
    if stage and stage not in AGREEMENT_STAGE_LABELS:
        errors.append(
            _("There is no stage '%(stage)s': choose one of %(choices)s.")
            % {"stage": stage, "choices": ", ".join(AGREEMENT_STAGE_LABELS)}
        )
        stage = ""
    if status and status not in AGREEMENT_STATUS_LABELS:
        errors.append(
            _("There is no status '%(status)s': choose one of %(choices)s.")
            % {"status": status, "choices": ", ".join(AGREEMENT_STATUS_LABELS)}
        )
        status = ""
    last, count, events = board.board_freshness()
    etag = etag_for("agreements", last, count, events, sorted(request.GET.items()))
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    found = reads.agreements()
    if stage:
        found = found.filter(stage=stage)
    if status:
        found = found.filter(status=status)
    rows = list(found)
    query = {k: v for k, v in (("stage", stage), ("status", status)) if v}
    response = render(
        request,
        "board/agreements.html",
        {
            "agreements": agreement_items(rows, board.actor_names(actor_slugs(rows))),
            "stages": {s: stage_label(s) for s in AGREEMENT_STAGE_LABELS},
            "statuses": {s: status_label(s) for s in AGREEMENT_STATUS_LABELS},
            "chosen": {"stage": stage, "status": status},
            "filtered": bool(query),
            "pax_url": f"{reverse('api:agreement-list')}?{urlencode({**query, 'format': 'pax'})}",
            "errors": errors,
        },
        status=400 if errors else 200,
    )
    return stamp(response, etag, last)
