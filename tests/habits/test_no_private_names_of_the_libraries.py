"""The write path uses the libraries' public interfaces only. Two private names are allowed,
each where the library documents it: the recorder hook `_insert_events` that eventsourcing's
own examples extend (its searchable-content example), in write/eventstore.py and
write/pgstore.py; and an aggregate's `_create`, in a class method of the aggregate itself.
Each name below broke, or would break, at the next upgrade of its library."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("negotiations", "api", "board", "landing", "tracker", "bench")

# eventsourcing's recorder and aggregate internals, psycopg's libpq-level connection state,
# Django's model-instance state.
PRIVATE = re.compile(r"_insert_stored_events|_pending_events|pgconn\.|_state\.adding")
HOOK = re.compile(r"def _insert_events\b|\._insert_events\(")  # defined or called
# An aggregate is made by `cls._create(...)` in a class method of its own, as the library's
# documentation does it: never from outside the class. Found: `X._create`, called or not;
# `super()._create`; `f(x)._create`, named by its `)`.
CREATE = re.compile(r"(super\(\)|\w+|\))\._create\b")


def occurrences(pattern: re.Pattern[str]) -> list[str]:
    found = []
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for n, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{n}")
    return found


def test_no_private_name_of_eventsourcing_psycopg_or_django_is_used():
    assert occurrences(PRIVATE) == []


def test_the_documented_hook_is_extended_in_the_recorders_only():
    assert {place.split(":")[0] for place in occurrences(HOOK)} == {
        "negotiations/write/eventstore.py",  # SQLite's recorder
        "negotiations/write/pgstore.py",  # PostgreSQL's recorder
    }


def test_aggregates_are_created_in_their_own_class_methods_only():
    callers = {}
    for place in occurrences(CREATE):
        path, n = place.split(":")
        code = (ROOT / path).read_text().splitlines()[int(n) - 1].split("#")[0]
        callers[place] = CREATE.findall(code)
    assert callers, "no aggregate is created: the pattern no longer matches the code"
    assert {place: who for place, who in callers.items() if set(who) - {"cls"}} == {}
