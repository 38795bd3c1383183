"""Which fields of an event name actors, read from the kinds the body models give their
fields (`ActorSlug`, `Actors`, third parties), and the slugs a body names: one definition for
the refusal of an unknown actor, the names a digest and a webhook give, and the board's."""

from __future__ import annotations

from typing import Any

from .bodies import StatedCause
from .body_fields import Kind
from .specs import SPECS

# The fields that name actors, by the kind their body models give them: one actor, a list
# of actors, or third parties ({actor, role} each); and, in a stated cause, who stated it.
# Read by name, whatever the type: a name has one kind in every type that has it
# (`tests/domain/test_the_fields_that_name_actors_are_read_from_the_bodies.py`).
ACTOR_FIELD_KINDS: dict[str, str] = {
    f.name: f.kind
    for spec in SPECS.values()
    for f in spec.fields
    if f.kind in ("actor", "actors", "third_parties")
}
CAUSE_ACTOR = next(
    n
    for n, f in StatedCause.model_fields.items()
    if any(isinstance(m, Kind) and m.name == "actor" for m in f.metadata)
)
# The keys under which a slug stands, however deep in an event's values (a third party's
# own `actor` among them).
ACTOR_KEYS = frozenset(
    {*(n for n, k in ACTOR_FIELD_KINDS.items() if k != "third_parties"), CAUSE_ACTOR}
)


def referenced_actors(values: dict[str, Any]) -> dict[str, str]:
    """Every actor slug a parsed body names, with the field that names it."""
    found: dict[str, str] = {}
    for key, value in values.items():
        kind = ACTOR_FIELD_KINDS.get(key)
        if kind == "actor" and value:
            found.setdefault(value, key)
        elif kind == "actors":
            for i, slug in enumerate(value or ()):
                found.setdefault(slug, f"{key}[{i}]")
        elif kind == "third_parties":
            for i, third in enumerate(value or ()):
                if third and third.get("actor"):
                    found.setdefault(third["actor"], f"{key}[{i}].actor")
    for i, cause in enumerate(values.get("causes") or ()):
        if cause and cause.get(CAUSE_ACTOR):
            found.setdefault(cause[CAUSE_ACTOR], f"causes[{i}].{CAUSE_ACTOR}")
    return found
