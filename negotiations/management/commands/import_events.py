"""Import a history from NDJSON or CSV: check every line first, then record all or nothing."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.errors import DomainError
from negotiations.interchange import formats as interchange
from negotiations.interchange.receipts import check_receipts, with_receipts
from negotiations.read.projections import IMPORT_BATCH, catch_up, pending
from negotiations.write import actors, imports
from negotiations.write.imports import cycle_collection_paused
from negotiations.write.models import Actor
from negotiations.write.runtime import get_application


class Command(BaseCommand):
    help = (
        "Import events from FILE (.ndjson/.jsonl or .csv; see docs/import-format.md). Every "
        "line is checked against the domain rules first; if any is bad, each bad line is "
        "reported and nothing is recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=["ndjson", "csv"], help="Default: from the file's extension."
        )
        parser.add_argument(
            "--user",
            default="import",
            help="recorded_by for lines that do not name one (default: import).",
        )
        parser.add_argument(
            "--create-actors",
            action="store_true",
            help="Create actors the file names but the registry lacks.",
        )
        parser.add_argument(
            "--actor-kind",
            default="organization",
            help="Kind of the actors --create-actors creates.",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--dry-run", action="store_true", help="Check only.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, format, no_progress, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No file {path}.")
        fmt = format or ("csv" if path.suffix.lower() == ".csv" else "ndjson")
        app = get_application()
        # The whole file is in memory until it is stored: see `cycle_collection_paused`.
        # The plan is let go before the read models are brought up (`_record` returns only
        # counts), so that their step does not carry the file's objects.
        with cycle_collection_paused():
            recorded = self._record(app, path, fmt, no_progress=no_progress, **options)
        if recorded is None:
            return
        if not settings.PROJECT_AFTER_WRITE:
            self.stdout.write("The read models follow with `manage.py run_projections`.")
            return
        started = time.perf_counter()
        with tqdm(
            total=pending(app),
            unit="event",
            disable=no_progress,
            file=self.stderr,
            desc="read models",
        ) as bar:
            projected = catch_up(app, batch_size=IMPORT_BATCH, on_batch=bar.update)
        projected_in = time.perf_counter() - started
        self.stdout.write(
            f"Read models brought up to date: {projected} events in {projected_in:.1f} s "
            f"({_rate(projected, projected_in)} events/s)."
        )

    def _record(
        self,
        app,
        path,
        fmt,
        *,
        user,
        create_actors,
        actor_kind,
        batch_size,
        dry_run,
        no_progress,
        **common_options,
    ) -> int | None:
        """Read, check and append the file; the number of events recorded (None on a dry run).
        The command's own options are named here only: `handle` passes them on with Django's
        common ones (verbosity and the like, unused)."""
        with path.open(encoding="utf-8", newline="") as stream:
            reader = interchange.read_csv if fmt == "csv" else interchange.read_ndjson
            read = reader(stream, default_user=user)
        known = set(Actor.objects.values_list("slug", flat=True))
        registry = {a.slug: a for a in read.actors if a.slug not in known}
        known |= set(registry)
        if create_actors:
            known |= self._create_actors(read.items, known, actor_kind, dry_run)
        plan = imports.plan_import(app, read.items, known_actors=known)
        receipt_errors = check_receipts(app, plan, read.items, read.receipts)
        errors = {**read.errors, **plan.errors, **receipt_errors}
        if errors:
            for line in sorted(errors):
                self.stderr.write(f"{path.name}:{line}: {errors[line]}")
            raise CommandError(f"{len(errors)} bad line(s) in {path.name}; nothing was recorded.")
        if dry_run:
            self.stdout.write(
                f"{len(registry)} actors, {len(plan.events)} events and {len(read.receipts)} "
                "idempotency receipts would be recorded (dry run)."
            )
            return None
        started = time.perf_counter()
        if registry:
            # The file's registry, for the actors this database lacks.
            actors.add_missing(registry.values())
            self.stdout.write(f"Added {len(registry)} actor(s) from {path.name}.")
        # The receipts go into the store after their events, in the file's order.
        receipts = with_receipts(plan, read.items, read.receipts)
        with tqdm(
            total=len(plan.events),
            unit="event",
            disable=no_progress,
            file=self.stderr,
            desc="recording",
        ) as bar:
            stored = imports.save_import(
                app, plan, batch_size=batch_size, on_batch=bar.update, project=False
            )
        saved = stored - receipts
        recorded_in = time.perf_counter() - started
        restored = f" and {receipts} idempotency receipt(s)" if receipts else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Recorded {saved} events{restored} on {len(plan.aggregates)} process(es) from "
                f"{path.name} in {recorded_in:.1f} s ({_rate(saved, recorded_in)} events/s)."
            )
        )
        return saved

    def _create_actors(self, items, known, kind, dry_run):
        from negotiations.domain.specs import parse_body

        wanted = set()
        for item in items:
            try:
                wanted |= set(
                    referenced_actors(
                        parse_body(item.type, item.body, restoring=item.recorded_at is not None)
                    )
                )
            except DomainError:  # bad lines are reported by the plan
                pass
        missing = wanted - known
        if missing and not dry_run:
            actors.add_missing(actors.stand_in(s, kind) for s in sorted(missing))
            self.stdout.write(f"Created {len(missing)} actor(s): {', '.join(sorted(missing))}.")
        return missing


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"
