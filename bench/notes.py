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
  eight rounds of 6 s each on the same database, each first in every other round.
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
  interpreter, a real `celery worker -B` (8 threads, Redis database 14 or BENCH_REDIS_DB), the
  bench writing like a web node with a broker (each commit enqueues a dispatch), once in the
  inline mode and once in the async mode (`PROJECT_AFTER_WRITE=false`); 10 statements 3 s
  apart; latency from each event's `recorded_at` (set just before its commit) to the
  receiver's arrival time, for every (event, endpoint)."""

PROFILES: dict[str, str] = {
    "B1": (
        "Where a write's time goes (cProfile, 500 writes through the application, SQLite, "
        "issue 11 round 3): about 6 ms of CPU a write, the commit's fsync dominating the "
        "wall time for both systems; the permission check (two queries) and the commit "
        "are paid alike. On PostgreSQL the library's insert takes `LOCK TABLE ... "
        "EXCLUSIVE` until the commit: since round 3 the read-model rows are made before the "
        "append and sent in the insert's own pipeline (their positions computed by the "
        "server), so a write holds the lock for one round trip and the commit (was three "
        "round trips and the commit). The situation before a command is copied without "
        "deepcopy (~1-2 ms a write less). Over HTTP the ratio still moves by +-0.3 between "
        "runs on a shared 2-core machine: compare quiet runs."
    ),
    "B3": (
        "Profile of a rebuild of 50,000 events on PostgreSQL (pyinstrument, issue 11 round "
        "3): reading and decoding ~30% (what the raw rate measures), the per-event fold ~27% "
        "(orjson encodes the values now), flushing ~30% (COPY: about 6 us of client CPU a "
        "row, the rest the server's: JSONB parsing and the unique indexes), the rest "
        "commits and the indexes and foreign keys built once at the end. Since round 3 the "
        "stale-position check is MAX(position) (EXISTS position >= n was a sequential scan "
        "per batch), the foreign keys are checked once at the end and batches are 5,000 "
        "events. What would change it further: timeline rows straight from the stored "
        "event's JSON; on a 2-core machine the database server's own work competes with "
        "the rebuild for CPU."
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
        "The list's count comes from the tally and its first page from the name index, so "
        "neither reads every row; what still differs is the page itself: 50 summaries at "
        "10,000 processes against 10 at 10 processes. Since issue 11 round 3 a page is read "
        "as plain values (no model instances; the id and JSON columns as text, the page's "
        "JSON decoded in one json.loads) and each summary written by hand; what a row still "
        "costs is its decoding, its dict and its rendering. The line "
        "'list 10 rows' compares equal pages (?page_size=10). Wall-clock medians on this "
        "shared machine move by more than the target's margin between runs. What would "
        "change it further: summaries kept pre-rendered as JSON in the row (a read-model "
        "column the projection and the rebuild write), spliced into the page."
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
        "import_events reads, validates (parse, the domain's fold, the actor registry) and "
        "appends in one unit of work, then brings the read models up once on the rebuild's "
        "path; the bench reports both steps. Profile of 20,000 lines (pyinstrument, issue 11 "
        "round 3): parse_body ~30% of read+validate+append, the aggregate's record ~25% (the "
        "fold's check and apply, the event's frozen dataclass), the store's put ~20% (the "
        "library's JSON transcoding and insert, as in the baseline), reading the NDJSON ~13%, "
        "making the application ~5% (importing psycopg on SQLite). The events are built once "
        "(no trigger/mutate round trip) and go to the store's put without save()'s per-object "
        "Protocol check (~10 us an event, which the baseline still pays). What would change it "
        "further: the event store's PostgreSQL half in a module of its own (no psycopg import "
        "on SQLite), list defaults without pydantic's deepcopy, one json.loads for the file."
    ),
}


PROFILES["B7"] = (
    "Profile of a dispatch of one event to 100 endpoints in one interpreter (cProfile, issue "
    "22, load average 10 on 2 cores): 278 ms on PostgreSQL, 231 ms on SQLite, in 6-7 queries "
    "whatever the number of endpoints: ~40 ms the claim (store head, then UPDATE, SELECT, "
    "now one UPDATE ... RETURNING), ~140 ms "
    "the 100 POSTs on WEBHOOK_PARALLEL_REQUESTS (16) threads, then ~80 ms writing positions "
    "and the 100 attempts (one UPDATE, one INSERT) that no receipt waits for. What would "
    "change it: more sending threads for slow receivers; a quieter machine (the figures "
    "were taken at load average 10)."
)


def why(figure_id: str) -> str:
    for prefix, text in sorted(PROFILES.items(), key=lambda kv: -len(kv[0])):
        if figure_id.startswith(prefix):
            return text
    return ""
