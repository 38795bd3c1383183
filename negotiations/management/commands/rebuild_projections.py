"""Rebuild every read model from the event store, beside the serving ones (blue/green)."""

import signal
import threading
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from negotiations.read import rebuild
from negotiations.write.runtime import get_application

INTERRUPTED = (
    "Interrupted. The read models being served are whole: as they were, or the rebuilt ones "
    "if the switch had been made (it is one transaction). Run `manage.py rebuild_projections` "
    "again: it drops what this one left (`manage.py check` and /healthz name it)."
)


def _stopped(signum, frame):
    raise KeyboardInterrupt  # told as a Ctrl-C is; the parts are stopped on the way out


@contextmanager
def _sigterm_as_ctrl_c():
    """A SIGTERM (systemd's stop, `kill`) ended the rebuild without a word (an operator's
    review); while the rebuild runs it is said as Ctrl-C is. Only the main thread may set a
    handler: elsewhere (a test's thread) the default stays."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Build the read models again from every stored event into tables beside the serving "
        "ones, then switch to them in one transaction: readers never see a partial read model."
    )

    def add_arguments(self, parser):
        # Per batch: a few statements, one UPDATE per process touched, one commit (5,000:
        # a fifth of the process UPDATEs of 1,000, memory still a few MB).
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes that load the read models (default: REBUILD_WORKERS on a store "
            "of 20,000 events or more, else 1).",
        )

    def handle(self, *args, batch_size, no_progress, workers, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1.")
        app = get_application()
        total = app.recorder.max_notification_id() or 0
        with (
            tqdm(total=total, unit="event", disable=no_progress, file=self.stderr) as bar,
            _sigterm_as_ctrl_c(),
        ):
            try:
                done = rebuild.rebuild(
                    app, batch_size=batch_size, on_batch=bar.update, workers=workers
                )
            except (rebuild.RebuildRunning, rebuild.LoadPartFailed) as e:
                raise CommandError(str(e)) from e
            except KeyboardInterrupt:  # Ctrl-C: said plainly, not as a traceback
                raise CommandError(INTERRUPTED) from None
            # The total was the last position, an estimate: positions have gaps (a write
            # rolled back keeps its number on PostgreSQL), so the bar ended at "98%".
            bar.total = bar.n
            bar.refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt the read models from {done.events} events, loaded by "
                f"{done.processes} process{'es' if done.processes > 1 else ''}, and switched "
                f"to them ({done.at_switch} applied in the switch, writers held "
                f"{done.switch_seconds:.2f} s)."
            )
        )
