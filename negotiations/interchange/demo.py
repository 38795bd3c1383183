"""The demo: the Geneva intra-Syrian talks of 2016 and the Havana talks of 2012-16.

The data is `demo.ndjson`, in the import format (the actor registry, then every event with
its `recorded_at`), built from the project's fact sheets: dates, stated causes and who stated
them, and the reporting outlets' own articles. Each event is recorded no earlier than its latest
source (that source's publication date, at noon UTC) and its note says only what was known then;
later knowledge is a later event or a correction. So the demo's digests and `known_at` answers
tell the story as it was known at the time. It is loaded through the import path.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.process import process_id_for
from negotiations.domain.registry import OPENING
from negotiations.interchange.formats import ReadResult, read_ndjson
from negotiations.write import actors, imports
from negotiations.write.application import PeaceProcesses
from negotiations.write.imports import ImportItem
from negotiations.write.models import Actor

DATA = Path(__file__).with_name("demo.ndjson")
# The names in the six UN languages the fact sheets give (only forms a cited source prints,
# never a transliteration made up here), recorded after every event of `DATA`: a file of its
# own, read after it, so that the two are edited apart.
NAMES = Path(__file__).with_name("demo_names.ndjson")
DEMO_USER = "demo"
GENEVA_SLUG = "intra-syrian-talks-geneva"
HAVANA_SLUG = "colombia-farc-talks-havana"
# The Geneva week of the seed article: the talks convened on 1 February and paused on the 3rd.
GENEVA_WEEK = ("2016-02-01", "2016-02-07")


def read() -> ReadResult:
    """`DATA`, then `NAMES`, as one file: the second's lines numbered after the first's."""
    result = ReadResult()
    for path in (DATA, NAMES):
        with path.open(encoding="utf-8") as stream:
            part = read_ndjson(stream, default_user=DEMO_USER)
        if part.errors:  # the file is part of the code: a bad line is a bug
            raise ValueError(f"{path.name}: {part.errors}")
        after = max((item.line for item in result.items), default=0)
        result.items += [replace(item, line=after + item.line) for item in part.items]
        result.actors += part.actors
        result.receipts += part.receipts
    return result


ACTORS = [(a.slug, a.name, a.kind) for a in read().actors]


def _process_of(item: ImportItem) -> str:
    return str(item.body.get("slug")) if item.type == OPENING else item.process


@dataclass
class Loaded:
    recorded: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


class DemoMismatch(Exception):
    """The database holds a demo process recorded from another version of the demo data."""


def load(app: PeaceProcesses) -> Loaded:
    """Record what the database lacks of the demo: its actors, then each process's events
    after those already stored. A second run records nothing."""
    data = read()
    actors.add_missing(data.actors)
    by_process: dict[str, list[ImportItem]] = {}
    for item in data.items:
        by_process.setdefault(_process_of(item), []).append(item)
    loaded, new = Loaded(), []
    for slug, items in by_process.items():
        loaded.names[slug] = str(items[0].body.get("name", slug))
        try:
            stored = app.get_process(process_id_for(slug)).entries
        except ProcessNotFound:
            stored = []
        for entry, item in zip(stored, items, strict=False):
            if entry.type != item.type or entry.recorded_at != item.recorded_at:
                raise DemoMismatch(
                    f"'{slug}' in this database was recorded from another version of the demo "
                    f"(event #{entry.sequence} differs). Start from an empty database to load "
                    "this one."
                )
        # Events an analyst recorded after the demo's own are not the demo's: not counted.
        loaded.already[slug] = min(len(stored), len(items))
        loaded.recorded[slug] = len(items) - loaded.already[slug]
        new += items[len(stored) :]
    new.sort(key=lambda item: item.line)  # store order = the file's order
    known = set(Actor.objects.values_list("slug", flat=True))
    plan = imports.plan_import(app, new, known_actors=known)
    if plan.errors:  # the file is part of the code: a refused line is a bug
        raise ValueError(f"{DATA.name}: {plan.errors}")
    imports.save_import(app, plan)
    return loaded
