"""Agreements in words, for the board's tables (plain strings; the templates escape them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from negotiations.read.models import Agreement

from .presenters import short_date

STAGE_LABELS = {
    "pre_negotiation": "Pre-negotiation",
    "ceasefire": "Ceasefire",
    "partial": "Partial",
    "comprehensive": "Comprehensive",
    "implementation": "Implementation",
    "renewal": "Renewal",
}
STATUS_LABELS = {
    "signed": "Signed",
    "in_force": "In force",
    "rejected": "Rejected",
    "ended": "Ended",
}


def actor_slugs(rows: Iterable[Agreement]) -> set[str]:
    """Every actor the rows name: for one query of their names."""
    found: set[str] = set()
    for row in rows:
        found |= set(row.signatories) | {t["actor"] for t in row.third_parties}
        found |= {s for b in row.breaches for s in (*b["alleged_by"], *b["against"])}
    return found


def vote_text(vote: Mapping[str, Any]) -> str:
    """'Senate of Colombia, 29 Nov 2016: approved 75-0', 'Referendum, 2 Oct 2016: rejected
    (No 50.21 %, Yes 49.78 %, turnout 37.41 %)'."""
    day = short_date(vote["occurred_on"], vote.get("date_precision", "day"))
    if vote["kind"] == "ratification":
        figures = ""
        if vote.get("votes_for") is not None and vote.get("votes_against") is not None:
            figures = f" {vote['votes_for']}-{vote['votes_against']}"
        return f"{vote['body']}, {day}: {vote['result']}{figures}"
    shares = [
        f"{label} {vote[key]:g} %"
        for label, key in (("No", "no_share"), ("Yes", "yes_share"), ("turnout", "turnout"))
        if vote.get(key) is not None
    ]
    return f"Referendum, {day}: {vote['result']}" + (f" ({', '.join(shares)})" if shares else "")


def ended_text(row: Agreement, titles: Mapping[tuple[Any, str], str]) -> str:
    """How it stopped applying and what replaced it, or ''."""
    parts = []
    closed = short_date(row.closed_on, row.closed_on_precision)
    if row.status == "rejected":
        by = "the referendum" if row.rejected_by == "referendum" else row.rejected_by
        parts.append(f"Rejected by {by}, {closed}")
    elif row.status == "ended":
        parts.append(f"Ended ({row.end_reason}), {closed}")
    if row.superseded_by:
        successor = titles.get((row.process_id, row.superseded_by), row.superseded_by)
        parts.append(f"superseded by {successor}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def agreement_item(
    row: Agreement, names: Mapping[str, str], titles: Mapping[tuple[Any, str], str]
) -> dict[str, Any]:
    """One agreement as the board's tables show it: stage, signed, in force since, ended."""

    def name(slug: str) -> str:
        return names.get(slug, slug)

    supersedes = titles.get((row.process_id, row.supersedes), row.supersedes)
    return {
        "slug": row.slug,
        "title": row.title,
        "stage": STAGE_LABELS.get(row.stage, row.stage),
        "status": row.status,
        "status_label": STATUS_LABELS.get(row.status, row.status),
        "signed": short_date(row.signed_on, row.signed_on_precision),
        "takes_effect": short_date(row.takes_effect_on),
        "in_force": short_date(row.in_force_on, row.in_force_on_precision),
        "ended": ended_text(row, titles),
        "supersedes": supersedes if row.supersedes else "",
        "signatories": ", ".join(name(s) for s in row.signatories),
        "third_parties": ", ".join(f"{name(t['actor'])} ({t['role']})" for t in row.third_parties),
        "votes": [vote_text(v) for v in row.votes],
        "breaches": len(row.breaches),
        "text_url": row.text_url,
        "process_slug": row.process.slug,
        "process_name": row.process.name,
    }


def agreement_items(rows: Iterable[Agreement], names: Mapping[str, str]) -> list[dict[str, Any]]:
    rows = list(rows)
    titles = {(r.process_id, r.slug): r.title for r in rows}
    return [agreement_item(r, names, titles) for r in rows]


def on_date_text(item: Mapping[str, Any]) -> str:
    """An agreement as it stood on a date (read.agreements.on_date_item), in words:
    'in force since 27 Feb 2016', 'rejected by the referendum, 2 Oct 2016', 'signed 24 Nov
    2016; approved by the Senate of Colombia 75-0'."""
    status = item["status"]
    if status == "in_force":
        text = f"in force since {short_date(item['in_force_on'], item['in_force_on_precision'])}"
    elif status == "rejected":
        by = "the referendum" if item["rejected_by"] == "referendum" else item["rejected_by"]
        text = f"rejected by {by}, {short_date(item['closed_on'], item['closed_on_precision'])}"
    elif status == "ended":
        ended = short_date(item["closed_on"], item["closed_on_precision"])
        text = f"ended ({item['end_reason']}), {ended}"
    else:
        text = f"signed {short_date(item['signed_on'], item['signed_on_precision'])}"
    approved = [vote_text(v) for v in item["votes"] if v["result"] == "approved"]
    if approved:
        text += "; " + "; ".join(approved)
    if item.get("superseded_by"):
        text += f"; superseded by {item['superseded_by_title']}"
    return text
