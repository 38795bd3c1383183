"""The parts of the board's pages, as plain values the templates print: a row of the list,
the status on a chosen date, the periods' table, causes and timeline events."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import Status
from negotiations.presentation.labels import names_comma
from negotiations.presentation.picture_words import expectations, start_precision, then_joined
from negotiations.read import selectors as core
from negotiations.read.models import Process

from . import presenters
from .agreement_items import on_date_text, status_label


def list_item(p: Process, names: dict, agreements: dict, today: Any, base: str) -> dict:
    """One row of the list, as plain strings: the template only prints them."""
    overdue = core.is_overdue(p, today)
    mediators = [presenters.actor_shown(m, names, p.actor_names) for m in p.mediators]
    return {
        "url": f"{base}processes/{p.slug}/",
        "name": presenters.name_html(presenters.process_shown(p)),
        "conflict": p.conflict,
        "status": p.status,
        "status_label": presenters.status_label(p.status),
        "overdue": overdue,
        "until": presenters.expected_back(
            p.expected_resumption_on, p.expected_resumption_precision, overdue=overdue
        )
        if p.status == Status.PAUSED
        else "",
        "since": presenters.short_date(p.status_since, p.status_since_precision) or "–",
        # A month-precise change may take effect after the 1st: it is shown as its month.
        "last_change": presenters.short_date(p.last_event_on, p.last_event_on_precision) or "–",
        # Each name isolated, so that one written right to left keeps the list in order.
        "mediators": format_html_join(
            names_comma(shown.name for shown in mediators),
            "{}",
            ((presenters.name_html(shown),) for shown in mediators),
        )
        or "–",
        "agreements": [
            {
                "title": a.title,
                "status": a.status,
                "status_label": status_label(a.status, a.concluded),
            }
            for a in agreements.get(p.pk, ())
        ],
    }


def on_date_context(on_date: Any, names: dict[str, str]) -> dict[str, Any]:
    """What the page says of the status on the date the reader picked (nothing without one)."""
    if on_date is None:
        return {
            "on_date_agreements": [],
            "on_date_day": "",
            "on_date_status_since": "",
            "on_date_expected": "",
            "on_date_causes": [],
        }
    return {
        "on_date_agreements": on_date_agreements(on_date.agreements),
        "on_date_day": presenters.show_date(on_date.as_of),
        "on_date_status_since": presenters.status_since(
            on_date.status,
            presenters.since_words(on_date.status_since, on_date.status_since_precision or "day"),
        ),
        "on_date_expected": presenters.on_date(
            on_date.expected_resumption_on, on_date.expected_resumption_precision or "day"
        ),
        "on_date_causes": causes_items(on_date.causes, names),
    }


def on_date_agreements(items: list[dict]) -> list[dict]:
    titles = {i["agreement"]: i["title"] for i in items}
    return [
        {
            "title": i["title"],
            "status": i["status"],
            "text": on_date_text(
                {**i, "superseded_by_title": titles.get(i["superseded_by"], i["superseded_by"])}
            ),
        }
        for i in items
    ]


def period_rows(periods: list, names: dict[str, str]) -> list[dict]:
    """The periods' table: each period from the day it took effect until the next one's, as
    precisely as its change is known: a month-precise one reads as its month ("Oct 2016")."""

    def starts(p) -> str:
        return presenters.short_date(p.starts_on, start_precision(p))

    out = []
    for i, p in enumerate(periods):
        after = periods[i + 1] if i + 1 < len(periods) else None
        out.append(
            {
                "period": p,
                "causes": causes_items(p.causes, names),
                "from": starts(p),
                "until": starts(after) if after and p.ends_on else "",
                "expected": then_joined(expectations(p), presenters.on_date),
                "status_label": presenters.status_label(p.status),
            }
        )
    return out


def causes_items(causes: list[dict], names: dict[str, str]) -> list[dict]:
    return [
        {
            "category": presenters.category_label(c.get("category", "")),
            "description": c.get("description", ""),
            "stated_by": names.get(c.get("stated_by", ""), c.get("stated_by", "")),
            "source": c.get("source") or None,
        }
        for c in causes
    ]


def event_item(
    row, *, raw: bool, names: dict[str, str], titles: dict[str, str] | None = None
) -> dict:
    """A timeline row as the page shows it; `titles` names the process's agreements."""
    values = row.recorded if raw or row.current is None else row.current
    return {
        "row": row,
        "label": presenters.event_label(row.type),
        "date": presenters.show_date(*row.dated(raw=raw)),
        "text": presenters.describe(row.type, values, names, titles),
        "causes": causes_items(values.get("causes") or [], names),
        "sources": values.get("sources") or [],
        "corrections": [] if raw else row.corrections,
        "retraction": None if raw else row.retraction,
        # A statement's own words, as the digest shows them (the board showed none: an
        # Arabic reader's outside test).
        "quote": values.get("quote", ""),
        "note": values.get("note", ""),
    }


def third_parties(rows: list[dict], names: dict[str, str]) -> list[dict[str, str]]:
    """Each third party once, with its roles in the order recorded: "Cuba (guarantor, host)",
    not "Cuba (guarantor), Cuba (host)"."""
    roles: dict[str, list[str]] = {}
    for t in rows:
        roles.setdefault(t["actor"], []).append(presenters.choice_label(t["role"]))
    return [
        {"name": names.get(actor, actor), "role": _(", ").join(said)}
        for actor, said in roles.items()
    ]


def summary_names(process: Process, names: dict[str, str], spoken: dict[str, str]) -> dict:
    """A process page's mediators, parties and third parties, each as the process's events
    name it in the reader's language (`names`: the registry's; `spoken`: as the page says
    them), and what stands between the names of each list (`labels.names_comma`)."""
    mediators = [presenters.actor_shown(m, names, process.actor_names) for m in process.mediators]
    parties = [
        presenters.actor_shown(p["actor"], names, process.actor_names) for p in process.parties
    ]
    third = third_parties(process.third_parties, spoken)
    return {
        "mediators": [presenters.name_html(m) for m in mediators],
        "parties": [
            {"name": presenters.name_html(shown), "participation": p["participation"]}
            for shown, p in zip(parties, process.parties, strict=True)
        ],
        "third_parties": third,
        "mediators_comma": names_comma(m.name for m in mediators),
        "parties_comma": names_comma(p.name for p in parties),
        "third_parties_comma": names_comma(t["name"] for t in third),
    }
