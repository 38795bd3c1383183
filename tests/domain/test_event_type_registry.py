"""Every event type is one registry entry, complete, and its name is spelled in few modules.

When one of these fails after adding an event type, the message says which part is missing;
docs/architecture.md ("Adding an event type") lists the steps.
"""

import functools
import os
import re
import typing
from pathlib import Path

import pytest

from negotiations.domain.bodies import Body
from negotiations.domain.codes import CodedBy, EventCodes
from negotiations.domain.registry import (
    AMENDMENTS,
    CORRECTION,
    KINDS,
    NO_PARTICIPATION,
    NO_STATUS_CHANGE,
    ON_THE_CALENDAR,
    OPENING,
    RETRACTION,
    SCHEDULING,
    Kind,
    Moves,
    Participation,
)
from negotiations.domain.specs import parse_body
from negotiations.domain.telling import Wording
from negotiations.domain.vocabulary import EventType, Status
from tests.factories import body_for

ROOT = Path(__file__).resolve().parents[2]


def missing_parts(kind: Kind) -> list[str]:
    """What an entry lacks or declares wrongly, in words; [] for a complete entry."""
    body = kind.body
    missing = []
    if not (isinstance(body, type) and issubclass(body, Body) and body.event_type):
        return ["a body model (a Body with its event_type)"]
    if not (body.__doc__ or "").strip():
        missing.append("the body model's docstring (the OpenAPI text and the admin's help)")
    if not (isinstance(kind.label, str) and kind.label.strip()):
        missing.append("a label")
    missing += _codes_missing(kind)
    if not isinstance(kind.status, Moves):
        missing.append("a status effect (Moves, or NO_STATUS_CHANGE)")
    elif kind.changes_status != body.changes_status:
        missing.append("a status effect that agrees with the body (StatusChange or not)")
    elif kind.changes_status and not (kind.status.after and kind.status.to in Status):
        missing.append("the statuses a status change may follow")
    if not isinstance(kind.participation, Participation):
        missing.append("a participation effect (Participation, or NO_PARTICIPATION)")
    elif kind.moves_actor and "actor" not in body.model_fields:
        missing.append("an `actor` field, for a participation effect")
    if not (isinstance(kind.command, str) and kind.command.isidentifier()):
        missing.append("a command name")
    if not callable(kind.tell):
        missing.append("a teller (telling.py)")
    for part in ("amends", "announces"):
        field = getattr(kind, part)
        if field and field not in body.model_fields:
            missing.append(f"a field '{field}' in the body, which `{part}` names")
    return missing


def _codes_missing(kind: Kind, codes: object = None) -> list[str]:
    """What the type's codes lack, down every field they depend on in turn."""
    codes = kind.codes if codes is None else codes
    if isinstance(codes, EventCodes):
        return []
    if not isinstance(codes, CodedBy) or not codes.variants:
        return ["CAMEO and PLOVER codes (EventCodes, or CodedBy a field)"]
    field = kind.body.model_fields.get(codes.field)
    choices = {c for c in typing.get_args(field.annotation) if c} if field else set()
    if not choices or choices != set(codes.variants):
        return [f"codes for every value of '{codes.field}' ({sorted(choices)})"]
    return [missing for inner in codes.variants.values() for missing in _codes_missing(kind, inner)]


def test_every_event_type_has_an_entry_and_every_entry_a_type():
    assert set(KINDS) == {str(e) for e in EventType}
    assert all(kind.type == t for t, kind in KINDS.items())
    assert len({k.command for k in KINDS.values()}) == len(KINDS), "a command named twice"


@pytest.mark.parametrize("event_type", list(EventType))
def test_the_entry_has_every_part(event_type):
    assert missing_parts(KINDS[event_type]) == []


@pytest.mark.parametrize("event_type", list(EventType))
def test_the_entry_tells_an_event_of_its_type(event_type):
    values = parse_body(event_type, _body(event_type))

    class Voice:
        def who(self, slug):
            return f"<{slug}>"

        def agreement(self, slug):
            return f"[{slug}]"

        def date(self, value, precision="day"):
            return str(value)

        def text(self, value):
            return f"«{value}»" if value else ""

        def choice(self, value):
            return f"~{value}~" if value else ""

        def number(self, text):
            return f"#{text}#"

        def gettext(self, message):
            return message

        def field(self, name):
            return f"{{{name}}}"

        def note(self, text):
            return f" <{text}>"

        def tally(self, votes_for, votes_against):
            return f"{votes_for}:{votes_against}"

        def listed(self, names):
            return " & ".join(names)

    told = KINDS[event_type].tell(values, Voice())
    assert isinstance(told, Wording)
    assert isinstance(told.line, str)
    assert isinstance(told.detail, str)
    if "agreement" in values and event_type != EventType.AGREEMENT_SIGNED:
        # An agreement is named as the voice names it (its title on the board), never raw.
        assert f"[{values['agreement']}]" in told.line


def _body(event_type):
    if event_type == EventType.PROCESS_OPENED:
        return {"name": "Talks", "conflict": "A war", "mediators": ["un"]}
    if event_type == EventType.EVENT_CORRECTED:
        return {
            **body_for(event_type),
            "corrects": 2,
            "changes": {"venue": "Rome"},
            "reason": "Misread",
        }
    if event_type == EventType.EVENT_RETRACTED:
        return {"retracts": 2, "reason": "Never happened"}
    return body_for(event_type)


@pytest.mark.parametrize(
    "broken",
    [
        {"label": ""},
        {"codes": None},
        {"codes": CodedBy("stance", {})},
        {"status": None},
        {"status": Moves(Status.ACTIVE, (Status.PAUSED,))},  # a body that changes no status
        {"participation": None},
        {"command": ""},
        {"tell": None},
        {"amends": "corrects"},  # a body with no such field
        {"announces": "expected_resumption_on"},
    ],
    ids=lambda broken: next(iter(broken)),
)
def test_an_entry_lacking_a_part_is_named(broken):
    import dataclasses

    complete = KINDS[EventType.TALKS_SCHEDULED]
    assert missing_parts(complete) == []
    assert missing_parts(dataclasses.replace(complete, **broken)) != []


def test_no_effect_is_declared_as_such():
    statement = KINDS[EventType.STATEMENT_MADE]
    assert statement.status == NO_STATUS_CHANGE
    assert statement.participation == NO_PARTICIPATION


# -- an event type's name is spelled in at most 3 modules -----------------------------------

# The modules that spell an event type's name: its body (bodies.py, `event_type = ...`), the
# enum (vocabulary.py) and one more where its rule differs (the fold, history.py, or the
# rules, specs.py). The other layers ask the registry for a declared part (`OPENING`,
# `AMENDMENTS`, `ON_THE_CALENDAR`, ...). Code under tests/ and bench/ (a benchmark's scenario,
# like a test, is a story that names the types it records) and migrations are not counted.
MOST_MODULES = 3


@functools.cache
def _sources() -> dict[str, str]:
    """The project's non-test Python modules, by path: their text. Not var/ (the runtime-lock
    environment the integration tests build there holds every installed package's modules:
    reading and searching them took 0.65 s a test) nor any other virtual environment."""
    found = {}
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT)
        if here == Path("."):
            skipped = ("tests", "bench", "var")
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in skipped]
        dirs[:] = [
            d for d in dirs if d != "migrations" and not (Path(folder) / d / "pyvenv.cfg").exists()
        ]
        for name in files:
            if name.endswith(".py"):
                found[str(here / name)] = (Path(folder) / name).read_text(encoding="utf-8")
    return found


@functools.cache
def _words() -> dict[str, set[str]]:
    """Each module's words (runs of \\w), found once for every event type: a name spelled
    in a module is one of its words (a regular expression per type and module took 0.1 s a
    type)."""
    return {path: set(re.findall(r"\w+", text)) for path, text in _sources().items()}


def _modules_naming(event_type: EventType) -> list[str]:
    spelled = {event_type.value, event_type.name}
    return sorted(path for path, words in _words().items() if spelled & words)


@pytest.mark.parametrize("event_type", list(EventType))
def test_an_event_type_is_named_in_few_modules(event_type):
    modules = _modules_naming(event_type)
    assert len(modules) <= MOST_MODULES, f"{event_type.value} is named in {modules}"


def test_the_types_with_parts_of_their_own_declare_them():
    # What the other layers ask for instead of a name: a change here changes their behaviour.
    assert OPENING == EventType.PROCESS_OPENED
    assert (CORRECTION, RETRACTION) == (EventType.EVENT_CORRECTED, EventType.EVENT_RETRACTED)
    assert AMENDMENTS == {CORRECTION, RETRACTION}
    assert SCHEDULING == EventType.TALKS_SCHEDULED
    assert ON_THE_CALENDAR == {EventType.TALKS_SCHEDULED, EventType.TALKS_PAUSED}
