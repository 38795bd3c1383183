"""How each event type is told in words: one function per type, named in its registry entry.

A teller answers both forms the tracker shows: the board's line (its pages and Atom feeds)
and the digest's detail under an item's title. The reader's `Voice` says how names and dates
read there, so a teller holds the words only. Plain text: the templates escape it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class Voice(Protocol):
    """How a reader shows an actor (by slug) and a date (a date, an ISO string or none)."""

    def who(self, slug: str | None) -> str: ...

    def date(self, value: Any, precision: str = "day") -> str: ...


@dataclass(frozen=True)
class Wording:
    line: str  # the board's one line saying what the event says
    detail: str  # the digest's detail under the item's title ("" for none)


Teller = Callable[[dict[str, Any], Voice], Wording]


def _joined(*bits: Any) -> str:
    return ", ".join(b for b in bits if b)


def opened(v: dict[str, Any], say: Voice) -> Wording:
    return Wording(f"{v.get('name', '')} opened ({v.get('conflict', '')}).", "")


def scheduled(v: dict[str, Any], say: Voice) -> Wording:
    on = say.date(v.get("scheduled_for"), v.get("scheduled_for_precision") or "day")
    venue = v.get("venue")
    return Wording(
        f"Talks scheduled for {on} in {v.get('venue', '')}.",
        f"For {on}" + (f" in {venue}" if venue else "") + ".",
    )


def convened(v: dict[str, Any], say: Voice) -> Wording:
    bits = _joined(v.get("round"), v.get("venue"), v.get("format"))
    return Wording("Talks convened" + (f" ({bits})" if bits else ""), bits)


def paused(v: dict[str, Any], say: Voice) -> Wording:
    precision = v.get("expected_resumption_precision") or "day"
    on = say.date(v.get("expected_resumption_on"), precision)
    expected = f"Expected to resume {'in' if precision == 'month' else 'on'} {on}."
    return Wording(expected, expected if v.get("expected_resumption_on") else "")


def resumed(v: dict[str, Any], say: Voice) -> Wording:
    return Wording(
        "Talks resumed" + (f" in {v['venue']}" if v.get("venue") else "") + ".",
        _joined(v.get("round"), v.get("venue"), v.get("format")),
    )


def concluded(v: dict[str, Any], say: Voice) -> Wording:
    agreed = v.get("outcome") == "agreement"
    title = v.get("agreement_title")
    line = "Concluded " + ("with an agreement" if agreed else "without agreement")
    detail = "Outcome: " + ("with an agreement" if agreed else "no agreement")
    return Wording(
        line + (f": {title}" if title else "") + ".",
        detail + (f" ({title})" if title else "") + ".",
    )


def halted(v: dict[str, Any], say: Voice) -> Wording:
    """A suspension or a collapse: its causes say it all."""
    return Wording("", "")


def _actor(verb: str) -> Teller:
    def tell(v: dict[str, Any], say: Voice) -> Wording:
        return Wording(f"{say.who(v.get('actor', ''))} {verb}.", say.who(v.get("actor")))

    return tell


joined = _actor("joined")
withdrew = _actor("withdrew")
appointed = _actor("appointed as mediator")
stepped_down = _actor("stepped down as mediator")


def stated(v: dict[str, Any], say: Voice) -> Wording:
    line = f"{say.who(v.get('actor', ''))} ({v.get('stance', '')}): {v.get('summary', '')}"
    return Wording(line, "")  # the digest shows the summary and the quote as they are


def corrected(v: dict[str, Any], say: Voice) -> Wording:
    fields = ", ".join(sorted((v.get("changes") or {}).keys()))
    return Wording(f"Corrects #{v.get('corrects')} ({fields}): {v.get('reason', '')}", "")


def retracted(v: dict[str, Any], say: Voice) -> Wording:
    return Wording(f"Retracts #{v.get('retracts')}: {v.get('reason', '')}", "")
