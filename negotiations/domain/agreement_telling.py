"""How each agreement event is told in one line, for the board, the digest, Atom and the
webhooks (the "told" part of each type's registry entry). Plain text; callers escape it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from .dates import describe_day

Names = Mapping[str, str]


def _day(value: Any, precision: str = "day") -> str:
    if isinstance(value, str) and value:
        value = date.fromisoformat(value[:10])
    return describe_day(value, precision) if isinstance(value, date) else ""


def _who(slugs: Any, names: Names) -> str:
    return ", ".join(names.get(s, s) for s in slugs or ())


def _agreement(v: Mapping[str, Any], titles: Names) -> str:
    slug = v.get("agreement", "")
    return titles.get(slug, slug)


def signed(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    """'Signed: <title> (ceasefire), by A and B; in force from 27 February 2016.'"""
    text = f"Signed: {v.get('title', '')} ({str(v.get('stage', '')).replace('_', ' ')})"
    if v.get("signatories"):
        text += f", by {_who(v['signatories'], names)}"
    third = [
        f"{names.get(t['actor'], t['actor'])} ({t['role']})" for t in v.get("third_parties") or ()
    ]
    if third:
        text += f"; with {', '.join(third)}"
    if v.get("takes_effect_on"):
        text += f"; to take effect on {_day(v['takes_effect_on'])}"
    if v.get("supersedes"):
        text += f"; replaces {titles.get(v['supersedes'], v['supersedes'])}"
    return text + "."


def took_effect(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    day = _day(v.get("occurred_on"), v.get("date_precision") or "day")
    return f"In force from {day}: {_agreement(v, titles)}."


def ratified(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    votes = ""
    if v.get("votes_for") is not None and v.get("votes_against") is not None:
        votes = f" ({v['votes_for']}-{v['votes_against']}"
        votes += f", {v['abstentions']} abstaining)" if v.get("abstentions") is not None else ")"
    verb = "approved" if v.get("result") == "approved" else "rejected"
    return f"{v.get('body', '')} {verb} {_agreement(v, titles)}{votes}."


def referendum(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    shares = [
        f"{label} {v[key]:g} %"
        for label, key in (("yes", "yes_share"), ("no", "no_share"), ("turnout", "turnout"))
        if v.get(key) is not None
    ]
    figures = f" ({', '.join(shares)})" if shares else ""
    return f"Referendum: {_agreement(v, titles)} {v.get('result', '')}{figures}."


def breach(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    against = f" against {_who(v['against'], names)}" if v.get("against") else ""
    return (
        f"{_who(v.get('alleged_by'), names)} alleged a breach of {_agreement(v, titles)}{against}."
    )


def ended(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    reason = str(v.get("reason", ""))
    if reason == "superseded" and v.get("superseded_by"):
        reason = f"superseded by {titles.get(v['superseded_by'], v['superseded_by'])}"
    by = f", by {_who(v['ended_by'], names)}" if v.get("ended_by") else ""
    return f"Ended ({reason}){by}: {_agreement(v, titles)}."


def third_party(v: Mapping[str, Any], names: Names, titles: Names) -> str:
    return f"{names.get(v.get('actor', ''), v.get('actor', ''))} joined as {v.get('role', '')}."


TELLERS: dict[str, Callable[[Mapping[str, Any], Names, Names], str]] = {
    "agreement_signed": signed,
    "agreement_took_effect": took_effect,
    "agreement_ratified": ratified,
    "referendum_held": referendum,
    "agreement_breach_alleged": breach,
    "agreement_ended": ended,
    "third_party_joined": third_party,
}


def tell(
    event_type: str, values: Mapping[str, Any], names: Names, titles: Names | None = None
) -> str:
    """One line saying what an agreement event says; `titles` maps agreement slugs to titles
    (without it, the slug is shown)."""
    return TELLERS[event_type](values, names, titles or {})
