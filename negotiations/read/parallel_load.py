"""The rebuild's load in several processes, one part of the processes each.

A process's events fold into its own rows only (every read model is keyed by its process;
the one shared row, the processes' tally, is an addition), so the processes can be split
into parts by their ids and each part folded and written by a process of its own: the
rebuild then uses every core, and on PostgreSQL the server's work for one part overlaps the
client's for another. On SQLite the parts' writes still take turns at the database's write
lock; each part reads, decodes and folds its batch outside its transaction, so only the
writing waits.

Each part reads the store up to the same position, the head when the load began, and
decodes only its own events; it keeps no tracking position (a load that fails or is killed
is thrown away whole, as a rebuild's next tables are). When every part has finished, the
next tables' tracking position is set to that head, and the switch catches up from there as
after a load in one process.

The parts are fresh interpreters (`python -m negotiations.read.load_part`, not forks of
this one: its database connections and the event store's cannot be shared), told what to
load by one line of JSON on their standard input; they report their progress on their
standard output, and end when their standard input closes (this process gone).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction

from negotiations.domain.registry import AMENDMENTS
from negotiations.read.models import ProjectionPosition
from negotiations.read.next_tables import into_next_tables, postgres, sqlite_file
from negotiations.read.projections import (
    CARRIED_PROCESSES,
    PROJECTION,
    Batch,
    apply_all,
    store_history,
)
from negotiations.read.store_reads import Part, decoded, select
from negotiations.write.application import PeaceProcesses

# Below this many events in the store a rebuild loads in one process: starting a part (an
# interpreter and Django, about a second of CPU) costs more than it saves.
PARALLEL_FROM = 20_000
# A part: this interpreter, on a module of its own (`load_part.py`).
PART_COMMAND = ("-m", "negotiations.read.load_part")


class LoadPartFailed(RuntimeError):
    """A part of a parallel load failed; the next tables are left for the next rebuild."""


def shared_database() -> bool:
    """Whether other processes see what this connection sees: a server's or a file's
    database (not SQLite in memory), and nothing uncommitted on this connection."""
    if connection.in_atomic_block:
        return False
    return postgres() or sqlite_file() is not None


def workers_for(app: PeaceProcesses, requested: int | None) -> int:
    """How many processes load the next tables: `requested`, or `settings.REBUILD_WORKERS`
    for a store of `PARALLEL_FROM` events or more; one where the database cannot be shared."""
    if requested is None:
        if (app.recorder.max_notification_id() or 0) < PARALLEL_FROM:
            return 1
        requested = int(settings.REBUILD_WORKERS)
    if requested < 1:
        raise ValueError("A rebuild needs at least one worker.")
    return requested if requested > 1 and shared_database() else 1


# -- in the rebuilding process ------------------------------------------------------------


def load_in_parts(
    app: PeaceProcesses,
    parts: int,
    *,
    batch_size: int,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Load the next tables with `parts` processes (this connection pointed at them); return
    how many store positions were read, as `catch_up` does."""
    head = app.recorder.max_notification_id() or 0
    settings_module = _settings_module()
    task = {
        "settings": settings_module,
        "database": str(connection.settings_dict["NAME"]),
        # What the part's environment (this one's, inherited) does not say already.
        "env": {str(k): str(v) for k, v in app.env.items() if os.environ.get(k) != v},
        "head": head,
        "parts": parts,
        "batch_size": batch_size,
    }
    errors = [tempfile.TemporaryFile(mode="w+") for _ in range(parts)]
    children = [
        subprocess.Popen(  # noqa: S603 - this interpreter, this module
            [sys.executable, "-P", *PART_COMMAND],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors[index],
            text=True,
            env=_part_environment(settings_module),
        )
        for index in range(parts)
    ]
    try:
        for index, child in enumerate(children):
            # A part that ended before reading its task is reported by its exit code below.
            with contextlib.suppress(BrokenPipeError):
                stdin = _pipe(child.stdin)
                stdin.write(json.dumps({**task, "index": index}) + "\n")
                stdin.flush()
        read = _follow(children, on_batch)  # each part waited for, or one has failed
        failed = [i for i, child in enumerate(children) if child.poll()]
        if failed:
            raise LoadPartFailed(_failure(failed[0], children[failed[0]], errors[failed[0]]))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdin is not None:
                with contextlib.suppress(BrokenPipeError):  # what a dead part did not read
                    child.stdin.close()
        for error in errors:
            error.close()
    with transaction.atomic():
        ProjectionPosition.objects.update_or_create(name=PROJECTION, defaults={"position": head})
    return read


# The folder that holds the tracker's packages: a part finds them there from any working
# folder (`python -P`: the working folder, which `-m` would search first, is not searched at
# all, so no module of another checkout or of a shared folder is imported in its place).
SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _part_environment(settings_module: str) -> dict[str, str]:
    paths = [str(SOURCE_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join(paths),
    }


def _settings_module() -> str:
    """The settings a part starts with: this process's own module."""
    name = os.environ.get("DJANGO_SETTINGS_MODULE") or getattr(settings, "SETTINGS_MODULE", None)
    if not name:
        raise LoadPartFailed("A parallel load needs DJANGO_SETTINGS_MODULE.")
    return str(name)


def _follow(children: list[subprocess.Popen[str]], on_batch: Callable[[int], None] | None) -> int:
    """Pass the parts' progress on until each has ended its output, or one has failed (the
    others are then not waited for); return how many store positions the first part read
    (each part reads them all)."""
    with selectors.DefaultSelector() as selector:
        for index, child in enumerate(children):
            selector.register(_pipe(child.stdout), selectors.EVENT_READ, index)
        read = 0
        while selector.get_map():
            for key, _ in selector.select():
                stream: IO[str] = key.fileobj  # type: ignore[assignment]
                line = stream.readline()
                if not line:
                    selector.unregister(stream)
                    if children[key.data].wait() != 0:
                        return read
                    continue
                if key.data == 0:
                    count = int(line)
                    read += count
                    if on_batch:
                        on_batch(count)
    return read


def _pipe(stream: IO[str] | None) -> IO[str]:
    if stream is None:  # never: each is opened as a pipe
        raise LoadPartFailed("A part of the rebuild's load has no pipe.")
    return stream


def _failure(index: int, child: subprocess.Popen[str], error: IO[str]) -> str:
    error.seek(0)
    tail = error.read()[-2000:].strip()
    return f"Part {index} of the rebuild's load ended with {child.returncode}: {tail}"


# -- in a part ------------------------------------------------------------------------------


def load_part(
    app: PeaceProcesses,
    part: Part,
    head: int,
    batch_size: int,
    report: Callable[[int], None],
) -> int:
    """Fold and write the events of `part`'s processes up to store position `head`, a batch
    of about `batch_size` of them a transaction; return how many positions were read."""
    history = store_history(app)
    batch = Batch(history)
    start, read_in_all = 1, 0
    while start <= head:
        limit = min(batch_size * part.parts, head - start + 1)
        read = decoded(select(app, start, limit, stop=head), start, app, part)
        if not read.count:
            break
        if len(batch.processes) > CARRIED_PROCESSES:
            batch = Batch(history)
        # An amendment writes rows as it is folded: such a batch is folded in the transaction.
        amends = any(entry.type in AMENDMENTS for _, entry, _ in read.decoded)
        if not amends:
            apply_all(read.decoded, batch)
        with transaction.atomic():
            if amends:
                apply_all(read.decoded, batch)
            batch.flush()
        read_in_all += read.count
        report(read.count)
        start = read.last + 1
    return read_in_all


def run_part(task: dict[str, Any]) -> None:
    """A part's work (`load_part.py`, Django set up): its application on the same store,
    this connection on the next tables, loaded as the rebuilding process loads."""
    from negotiations.read.loading import fewer_collections, loading
    from negotiations.write.runtime import Hooks, build_application

    app = build_application(task["env"], hooks=Hooks(), project=False)
    part = Part(task["index"], task["parts"])

    def report(count: int) -> None:
        print(count, flush=True)

    try:
        with loading(share=part.parts), into_next_tables(), fewer_collections():
            load_part(app, part, task["head"], task["batch_size"], report)
    finally:
        app.close()
