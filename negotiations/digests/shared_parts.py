"""The digests' parts of a period, composed once (`report.compose_part`) and shared by every
subscription that follows the same processes, until anything new is stored."""

from __future__ import annotations

import threading
import time
import weakref
from datetime import date
from uuid import UUID

from django.utils import translation

from negotiations.read.models import Process
from negotiations.read.names import in_reader_language
from negotiations.write.application import PeaceProcesses

from .parts import ProcessPart
from .report import compose_part


class PeriodParts:
    """The parts of one period, composed on first use and shared by every subscription, for
    as long as the event store holds nothing new (and at most a minute, for actor names)."""

    TTL_SECONDS = 60
    KEEP_PERIODS = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_key: dict[tuple, dict[UUID, ProcessPart | None]] = {}

    def parts(
        self, app: PeaceProcesses, process_ids: list[UUID], start: date, end: date
    ) -> list[ProcessPart]:
        key = (
            start,
            end,
            translation.get_language(),  # the parts are written in it
            app.recorder.max_notification_id() or 0,
            int(time.monotonic() // self.TTL_SECONDS),
        )
        with self._lock:
            known = self._by_key.get(key)
            if known is None:
                if len(self._by_key) >= self.KEEP_PERIODS:
                    self._by_key.pop(next(iter(self._by_key)))
                known = self._by_key[key] = {}
        missing = [pid for pid in process_ids if pid not in known]
        if missing:
            processes = Process.objects.filter(id__in=missing)
            for process in processes.only("id", "slug", "name", "names"):
                known[process.id] = compose_part(app, process, start, end)
        found = [part for pid in process_ids if (part := known.get(pid)) is not None]
        # In the order of the names the reader reads.
        return sorted(found, key=lambda part: in_reader_language(part.process).name)


_shared: weakref.WeakKeyDictionary[PeaceProcesses, PeriodParts] = weakref.WeakKeyDictionary()


def period_parts(
    app: PeaceProcesses, process_ids: list[UUID], start: date, end: date
) -> list[ProcessPart]:
    """The parts of `processes` for `start`..`end`, shared across the subscriptions (one
    cache per event store: a test's or a command's own store never sees another's)."""
    cache = _shared.get(app)
    if cache is None:
        cache = _shared.setdefault(app, PeriodParts())
    return cache.parts(app, process_ids, start, end)
