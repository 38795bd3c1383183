"""Who takes part: an actor coming in or going, as an entry's participation effect says.

The fold (`history.Situation`) checks and applies these for every event whose registry entry
declares a `Participation`; no rule here names an event type.
"""

from __future__ import annotations

from .errors import Words
from .registry import Participation
from .vocabulary import gettext_noop

# Also the agreements' rule for a third party (agreements.py).
PARTY_ALREADY = gettext_noop("'%(actor)s' is a party to the talks.")


def refusal(move: Participation, actor: str, parties: dict[str, str], mediators: list[str]) -> str:
    """Why `actor` cannot come in or go as `move` says, or "" when it can."""
    party = parties.get(actor) == "active"
    mediator = actor in mediators
    rules = {
        ("party", True): (
            (party, gettext_noop("'%(actor)s' is already taking part.")),
            (mediator, gettext_noop("'%(actor)s' is a mediator of this process.")),
        ),
        ("party", False): (
            (not party, gettext_noop("'%(actor)s' is not taking part in the talks.")),
        ),
        ("mediator", True): (
            (mediator, gettext_noop("'%(actor)s' is already a mediator.")),
            (party, PARTY_ALREADY),
        ),
        ("mediator", False): ((not mediator, gettext_noop("'%(actor)s' is not a mediator.")),),
    }[move.role, move.comes_in]
    return next((Words(said, actor=actor) for applies, said in rules if applies), "")


def take(move: Participation, actor: str, parties: dict[str, str], mediators: list[str]) -> None:
    """Apply an actor's coming in or going (already checked), in place."""
    if move.role == "party":
        parties[actor] = "active" if move.comes_in else "withdrawn"
    elif move.comes_in:
        mediators.append(actor)
    else:
        mediators.remove(actor)
