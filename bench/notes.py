"""What the numbers alone do not say: how each figure is measured, and for a missed target,
where the time goes (from profiles of this code) and what would change it."""

from __future__ import annotations

METHOD = """## What was changed for these figures

- The projection writes each batch in bulk (negotiations/projections.py `Batch`): one INSERT
  per table and one UPDATE per process touched, instead of several statements per event.
  Every event is still applied by the same functions with the process row as the state, so
  a rebuild equals the incremental projection row for row. Rebuild: ~500 -> ~2,800
  events/s; B3 memory stays flat.
- Commands copy a cached aggregate in constant time (negotiations/application.py
  `private_copy`: frozen entries shared, situation copied) instead of the library's
  deepcopy, which grew with the history (~10 ms per 1,000 events). With the aggregate cache
  (AGGREGATE_CACHE_MAXSIZE, default 500) a write into a 10,000-event process costs what a
  write into a 10-event one does (B2).

## How each figure is measured

- **B1**: gunicorn, 2 sync workers, 8 client threads (http.client, one connection per
  request, loopback), 50 processes each seeded to 20 events. Each client owns its processes
  and cycles statement, pause, statement, resume. The baseline (bench/baseline) is a DRF view
  on a CRUD status model with django-simple-history: the same body validation
  (`parse_body`, actor registry), the same status machine and world-order rule, one status
  UPDATE (plus its history row) and one timeline INSERT. Tracker and baseline alternate in
  rounds on the same database.
- **B2**: `record_event` through the application as the API calls it (projection after the
  write), medians of interleaved writes into a 10-event and a 10,000-event process.
- **B3**: `rebuild_projections` in a fresh interpreter against reading the same store with
  `select_notifications` + `mapper.to_domain_event`; peak RSS of the rebuilding interpreter.
- **B4**: Django test client, medians; queries counted per request.
- **B6**: `import_events` of an NDJSON file into an empty store against `app.save(*events)`
  in batches of 1,000 of the same (domain-built) events.
- **B7**: Django test client, medians, 1,000 processes of 20 events. The board's list (`/`)
  against `GET /api/v1/processes/` (both 50 rows); a process page against the process's
  `GET processes/{slug}/` plus `GET processes/{slug}/events/` (the same summary, causes and
  timeline as JSON). Webhooks: 100 endpoints on a loopback HTTP server in the bench's
  interpreter, a real `celery worker -B` (8 threads, Redis database 14), the bench writing
  like a web node with a broker (each write enqueues a dispatch); 10 statements 3 s apart;
  latency from each event's `recorded_at` (set just before its commit) to the receiver's
  arrival time, for every (event, endpoint)."""

PROFILES: dict[str, str] = {
    "B1": (
        "Profile of 100 API writes each (cProfile, SQLite, Django test client): the tracker "
        "spends ~15 ms per write against the baseline's ~6.5 ms and runs 18 SQL statements "
        "against 8. Of the tracker's time, record_event is ~50% (the synchronous projection "
        "`catch_up` alone ~36%: its own transaction with the tracking row locked, the "
        "notification read back from the event store, the stale-position guard, the process "
        "row read and written, the timeline insert, the position update, a second commit), "
        "building the response ~20% (the process and timeline rows read again and "
        "serialized), the event-store append with its own connection and commit ~5%. "
        "What would change it: one transaction on one connection for the event and its "
        "read-model rows (the recorder writing through Django's connection, so the projection "
        "needs no separate read-back, lock or commit); building the 201 response from the "
        "rows the projection just wrote instead of reading them again; on PostgreSQL that "
        "single transaction is what the calibration showed brings parity."
    ),
    "B3": (
        "Profile of a batched rebuild (pyinstrument, 5,000 events): ~50% is Django's "
        "bulk_create preparing each timeline row field by field (date-time adaptation, two "
        "JSON columns), ~33% the per-event Python of the fold (period rows via "
        "dataclasses.asdict, JSON round trips through `jsonable`, model instances), ~5% "
        "reading and decoding the events, which is all the raw rate does. Batching (one "
        "INSERT per table and one UPDATE per touched process per batch) took the rebuild "
        "from ~500 to ~3,500 events/s. What would change it further: writing the timeline "
        "with executemany/COPY of pre-encoded values, bypassing the ORM's per-field "
        "preparation; encoding each event's values to JSON once; dropping the timeline's "
        "secondary indexes during a rebuild and creating them after. The target (a quarter "
        "of a pure decode loop) asks the projection to write three tables in four times "
        "the time it takes to decode one event."
    ),
    "B4 sqlite status": (
        "Query plan (SQLite EXPLAIN QUERY PLAN of status_as_of): the period lookup uses the "
        "index (process, starts_on) but orders by (starts_on, sequence), so SQLite sorts "
        "every period that starts before the date in a temporary B-tree (about 1,800 of "
        "3,546 periods here) before taking the first. PostgreSQL does an incremental sort "
        "and meets the target. What would change it: an index on (process, starts_on, "
        "sequence) in place of (process, starts_on) - a migration of negotiations' schema, "
        "not made here."
    ),
    "B4": (
        "The process list orders by name (Process.Meta.ordering) with no index on name, so "
        "the first page sorts every process row, and the paginator's COUNT(*) reads every "
        "row too: both grow with the number of processes. Query count stays at 2. What "
        "would change it: an index on Process.name (a migration of negotiations' schema, "
        "not made here) for the sort; for the count, an estimated or cached count on large "
        "tables, or cursor pagination (an API contract change)."
    ),
    "B5": (
        "Profile of 500 digests in batches of 100 (cProfile with CPU time, SQLite): each "
        "digest is composed and rendered once per period and set of followed processes, and "
        "costs one commit (its claim shares it with the last one's outcome). Of the CPU "
        "(~3 ms per digest), ~30% building the MIME message of ~280 KB, ~12% the "
        "per-subscriber greeting and footer, the rest the two UPDATEs and the batch's reads. "
        "In wall time the fsync'd commit (3.7 ms on SQLite under load) and, on PostgreSQL, "
        "four round trips per digest. Real backends also serialize the message (as_bytes, "
        "~8 ms for 280 KB), which locmem skips. What would change it: the delivery "
        "bookkeeping committed without fsync (SQLite synchronous=NORMAL, PostgreSQL "
        "synchronous_commit=off: 81 -> 161/s measured), a durability trade for the lead; "
        "one statement for the outcome and the next claim on PostgreSQL; smaller emails."
    ),
    "B6": (
        "import_events checks every line in memory (parse, domain fold, actor registry) "
        "and, once all are clean, appends them with the same batched save, but each save "
        "then runs the synchronous projection (`after_write`) for its 1,000 events, and "
        "that is where most of the time goes (see B3: the projection writes ~3,500 "
        "events/s). What would change it: project once after the last batch (or leave it "
        "to run_projections), and the B3 work above."
    ),
}


PROFILES["B7"] = (
    "Profile of 100 deliveries in one interpreter (cProfile, PostgreSQL, load average 8 on 2 "
    "cores from other work on the machine): ~98 ms per delivery, about half of it waiting on "
    "PostgreSQL (claim UPDATE, endpoint read, two event-store reads, attempt INSERT, final "
    "UPDATE), ~20 ms the HTTP POST, the rest Python; a worker's threads share one GIL. With "
    "100 endpoints each event is 100 deliveries, so an event's last receipt waits for the 99 "
    "before it. What would change it: deliveries for one event fanned out over more worker "
    "processes (prefork or several workers); the attempt log written in batches; fewer round "
    "trips per delivery (claim and read in one UPDATE ... RETURNING)."
)


def why(figure_id: str) -> str:
    for prefix, text in sorted(PROFILES.items(), key=lambda kv: -len(kv[0])):
        if figure_id.startswith(prefix):
            return text
    return ""
