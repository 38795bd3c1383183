"""Which fields name actors is read once, from the kinds the body models give their fields
(`domain/actor_refs.py`): every reader of a slug (the unknown-actor refusal, the names a
digest, a webhook and the board give) follows a new such field (`joint_with`) unasked."""

from negotiations.domain.actor_refs import ACTOR_FIELD_KINDS, ACTOR_KEYS, referenced_actors
from negotiations.domain.specs import SPECS
from tests.factories import cause, parsed


def test_a_field_name_names_actors_one_way_in_every_type():
    kinds: dict[str, set[str]] = {}
    for spec in SPECS.values():
        for f in spec.fields:
            kinds.setdefault(f.name, set()).add(f.kind)
    assert {n: k for n, k in kinds.items() if n in ACTOR_FIELD_KINDS and len(k) > 1} == {}


def test_every_slug_of_a_body_is_found_with_where_it_stands():
    values = parsed(
        "agreement_signed",
        third_parties=[{"actor": "cuba", "role": "guarantor"}],
        signatories=["united-states", "russia"],
    )
    assert referenced_actors(values) == {
        "united-states": "signatories[0]",
        "russia": "signatories[1]",
        "cuba": "third_parties[0].actor",
    }
    statement = parsed(
        "statement_made", joint_with=["iran"], causes=[cause(stated_by="riad-hijab")]
    )
    assert referenced_actors(statement) == {
        "turkey": "actor",
        "iran": "joint_with[0]",
        "riad-hijab": "causes[0].stated_by",
    }
    assert {"actor", "joint_with", "stated_by", "signatories"} <= ACTOR_KEYS
