"""The status-change log: what a consumer of the status-change feed needs to hold the
corrected status history. Each status change as it was recorded, then each amendment that
changed one, as it now stands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from .history import Entry, Period

RECORDED, CORRECTED, RETRACTED = "recorded", "corrected", "retracted"


@dataclass(frozen=True)
class LogRow:
    """One row of the status-change log.

    `sequence` is the event that made the row: the status change itself (`recorded`) or the
    correction or retraction (`corrected`, `retracted`); `amends` is the status change an
    amendment row replaces, shown as it now stands (a retracted one has no `to_status`).
    """

    kind: str
    sequence: int
    amends: int | None
    reason: str
    from_status: str | None
    to_status: str | None
    occurred_on: date | None
    date_precision: str
    causes: list[dict[str, Any]]
    expected_resumption_on: date | None
    recorded_at: datetime
    expected_resumption_precision: str = "day"


def recorded_row(period: Period) -> LogRow:
    """The log row of a status change as it is recorded."""
    return LogRow(
        RECORDED,
        period.sequence,
        None,
        "",
        period.from_status,
        period.status,
        period.occurred_on,
        period.date_precision,
        period.causes,
        period.expected_resumption_on,
        period.recorded_at,
        period.expected_resumption_precision,
    )


class StatusChangeLike(Protocol):
    """A status change's period: a `Period`, or a stored row with the same fields."""

    @property
    def sequence(self) -> int: ...
    @property
    def from_status(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def occurred_on(self) -> date: ...
    @property
    def date_precision(self) -> str: ...
    @property
    def causes(self) -> list[dict[str, Any]]: ...
    @property
    def expected_resumption_on(self) -> date | None: ...
    @property
    def expected_resumption_precision(self) -> str: ...


def _shown(p: StatusChangeLike) -> tuple[Any, ...]:
    return (
        p.from_status,
        p.status,
        p.occurred_on,
        p.date_precision,
        p.causes,
        p.expected_resumption_on,
        p.expected_resumption_precision,
    )


def amendment_rows(
    before: Iterable[StatusChangeLike], after: Iterable[StatusChangeLike], amendment: Entry
) -> list[LogRow]:
    """The log rows of an amendment, given the status periods before and after it (periods
    or rows with the same fields): one for each status change it removed or changed.

    A retraction removes the change it names and may change the next one's `from_status`;
    a correction changes the one it names (its date, causes, expected resumption...). An
    amendment that changes nothing a status change shows (a note, a source) has no row.
    """
    old = {p.sequence: p for p in before if p.from_status is not None}
    new = {p.sequence: p for p in after if p.from_status is not None}
    reason = amendment.values.get("reason", "")
    rows = []
    for seq in sorted(old.keys() | new.keys()):
        was, now = old.get(seq), new.get(seq)
        if now is None:
            removed = old[seq]  # not in `new`, so in `old`
            rows.append(
                LogRow(
                    RETRACTED,
                    amendment.sequence,
                    seq,
                    reason,
                    removed.from_status,
                    None,
                    removed.occurred_on,
                    removed.date_precision,
                    [],
                    None,
                    amendment.recorded_at,
                )
            )
        elif was is None or _shown(was) != _shown(now):
            rows.append(
                LogRow(
                    CORRECTED,
                    amendment.sequence,
                    seq,
                    reason,
                    now.from_status,
                    now.status,
                    now.occurred_on,
                    now.date_precision,
                    now.causes,
                    now.expected_resumption_on,
                    amendment.recorded_at,
                    now.expected_resumption_precision,
                )
            )
    return rows
