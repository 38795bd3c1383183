"""How the agreement events and a third party joining the process are told (their registry entries'
tellers, as in `telling.py`): the board's line (its pages and Atom) and the digest's detail.
An agreement is named by its slug (its title is on the signing and in the agreements read
model). Plain text: the templates escape it."""

from __future__ import annotations

from typing import Any

from .telling import Voice, Wording


def _who(slugs: Any, say: Voice) -> str:
    return ", ".join(say.who(s) for s in slugs or ())


def _stage(v: dict[str, Any]) -> str:
    return str(v.get("stage", "")).replace("_", " ")


def signed(v: dict[str, Any], say: Voice) -> Wording:
    """'Signed: <title> (ceasefire), by A, B; with C (guarantor); to take effect on …'."""
    parts = [f"Signed: {v.get('title', '')} ({_stage(v)})"]
    if v.get("signatories"):
        parts[0] += f", by {_who(v['signatories'], say)}"
    third = [f"{say.who(t['actor'])} ({t['role']})" for t in v.get("third_parties") or ()]
    if third:
        parts.append(f"with {', '.join(third)}")
    if v.get("takes_effect_on"):
        parts.append(f"to take effect on {say.date(v['takes_effect_on'])}")
    if v.get("supersedes"):
        parts.append(f"replaces {v['supersedes']}")
    text = "; ".join(parts) + "."
    return Wording(text, text)


def took_effect(v: dict[str, Any], say: Voice) -> Wording:
    day = say.date(v.get("occurred_on"))
    return Wording(f"In force from {day}: {v.get('agreement', '')}.", f"In force from {day}.")


def _votes(v: dict[str, Any]) -> str:
    if v.get("votes_for") is None or v.get("votes_against") is None:
        return ""
    abstaining = v.get("abstentions")
    tail = f", {abstaining} abstaining" if abstaining is not None else ""
    return f" ({v['votes_for']}-{v['votes_against']}{tail})"


def ratified(v: dict[str, Any], say: Voice) -> Wording:
    said = f"{v.get('body', '')} {v.get('result', '')}"
    return Wording(f"{said} {v.get('agreement', '')}{_votes(v)}.", f"{said}{_votes(v)}.")


def referendum(v: dict[str, Any], say: Voice) -> Wording:
    shares = [
        f"{label} {v[key]:g} %"
        for label, key in (("yes", "yes_share"), ("no", "no_share"), ("turnout", "turnout"))
        if v.get(key) is not None
    ]
    figures = f" ({', '.join(shares)})" if shares else ""
    return Wording(
        f"Referendum on {v.get('agreement', '')}: {v.get('result', '')}{figures}.",
        f"The voters {v.get('result', '')} it{figures}.",
    )


def breach(v: dict[str, Any], say: Voice) -> Wording:
    against = f" against {_who(v['against'], say)}" if v.get("against") else ""
    alleged = f"{_who(v.get('alleged_by'), say)} alleged a breach"
    return Wording(f"{alleged} of {v.get('agreement', '')}{against}.", f"{alleged}{against}.")


def ended(v: dict[str, Any], say: Voice) -> Wording:
    reason = str(v.get("end_reason", ""))
    if v.get("superseded_by"):
        reason = f"superseded by {v['superseded_by']}"
    by = f", by {_who(v['ended_by'], say)}" if v.get("ended_by") else ""
    return Wording(f"Ended ({reason}){by}: {v.get('agreement', '')}.", f"Ended ({reason}){by}.")


def third_party(v: dict[str, Any], say: Voice) -> Wording:
    text = f"{say.who(v.get('actor', ''))} joined as {v.get('role', '')}."
    return Wording(text, text)
