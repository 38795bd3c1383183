"""What the numbers alone do not say: how each figure is measured, and for a missed target,
where the time goes (from profiles of this code) and what would change it."""

from __future__ import annotations

METHOD = """## How each figure is measured

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
  in batches of 1,000 of the same (domain-built) events."""

PROFILES: dict[str, str] = {}


def why(figure_id: str) -> str:
    for prefix, text in PROFILES.items():
        if figure_id.startswith(prefix):
            return text
    return ""
