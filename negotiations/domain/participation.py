"""Who takes part: an actor coming in or going, as an entry's participation effect says.

The fold (`history.Situation`) checks and applies these for every event whose registry entry
declares a `Participation`; no rule here names an event type.
"""

from __future__ import annotations

from .registry import Participation


def refusal(move: Participation, actor: str, parties: dict[str, str], mediators: list[str]) -> str:
    """Why `actor` cannot come in or go as `move` says, or "" when it can."""
    party = parties.get(actor) == "active"
    mediator = actor in mediators
    rules = {
        ("party", True): (
            (party, "is already taking part."),
            (mediator, "is a mediator of this process."),
        ),
        ("party", False): ((not party, "is not taking part in the talks."),),
        ("mediator", True): (
            (mediator, "is already a mediator."),
            (party, "is a party to the talks."),
        ),
        ("mediator", False): ((not mediator, "is not a mediator."),),
    }[move.role, move.comes_in]
    return next((f"'{actor}' {said}" for applies, said in rules if applies), "")


def take(move: Participation, actor: str, parties: dict[str, str], mediators: list[str]) -> None:
    """Apply an actor's coming in or going (already checked), in place."""
    if move.role == "party":
        parties[actor] = "active" if move.comes_in else "withdrawn"
    elif move.comes_in:
        mediators.append(actor)
    else:
        mediators.remove(actor)
