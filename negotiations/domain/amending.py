"""An amendment (a correction or a retraction) checked against the history it would leave:
the corrected event as a new event, then the whole corrected view folded again, and no
status change after a corrected event left holding on no date (an attacker's outside test:
a convening corrected past a month-precise pause left the pause on no date, and the talks
resumed before they were convened)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .dating import refuse_before_opening, refuse_lost_change
from .entries import Entry, View
from .errors import DomainError, InvalidEvent, Words, describe_first, explain_after_amendment
from .history import Replay, Situation, corrected_views, fold
from .specs import EARLIEST_DATE, check_as_new
from .vocabulary import gettext_noop


def check_amendment(
    entries: list[Entry],
    amendment: Entry,
    *,
    recorded_on: date,
    earliest: date = EARLIEST_DATE,
    restoring: bool = False,
) -> Replay:
    """The history after `amendment`, or a refusal. A correction is checked as if its
    corrected event were recorded new on `recorded_on`, with every rule of a new event (its
    body, the impossible facts, then the history's transitions and world order; `restoring`:
    its body as restored history's); the stored events before it are not checked again."""
    ordered = sorted([*entries, amendment], key=lambda e: e.sequence)
    try:
        views = corrected_views(ordered, checking=amendment.sequence, restoring=restoring)
    except DomainError as e:
        raise explain_after_amendment(e) from None
    # A correction names what it `corrects`; a retraction, what it `retracts`.
    checking: int | None = amendment.values.get("corrects")
    if checking is not None:
        target = views[checking]
        try:
            check_as_new(
                target.entry.type, target.values, recorded_on=recorded_on, earliest=earliest
            )
        except InvalidEvent as e:
            raise InvalidEvent(
                {f"changes.{k}": m for k, m in e.errors.items()},
                detail=Words(
                    gettext_noop("The corrected #%(seq)s would be refused as a new event: %(why)s"),
                    seq=target.entry.sequence,
                    why=describe_first(e),
                ),
            ) from None
    # A status change the stored history already left holding on no date (recorded before
    # the rule, say) does not refuse the correction: only one the correction would leave so.
    # Restored history (an import of an export) is taken as it was recorded: a correction an
    # older version took, leaving one so, is restored with it (a review of the diff).
    tolerated: frozenset[int] = frozenset()
    if checking is not None and restoring:
        tolerated = frozenset(views)
    elif checking is not None:
        tolerated = lost_changes(corrected_views(sorted(entries, key=lambda e: e.sequence)))
    try:
        after = fold(ordered, views, checking=checking, tolerated=tolerated)
    except DomainError as e:
        raise explain_after_amendment(e) from None
    # A correction's own date (when the corrected fact came out) is no earlier than the
    # process either (an attacker's outside test: one dated 1950 was taken); restored history
    # keeps what it was recorded with, and a correction of the opening's own date is judged
    # by the rules of an opening.
    if not restoring and checking != 1:
        refuse_before_opening(after.situation, amendment)
    return after


def lost_changes(views: dict[int, View]) -> frozenset[int]:
    """The status changes of a history, folded as recorded, that leave the change before them
    holding on no date (`refuse_lost_change`)."""
    situation, lost = Situation(), set()
    for view in views.values():
        if view.retraction is None:
            effective = replace(view.entry, values=view.values)
            try:
                refuse_lost_change(situation, effective)
            except DomainError:
                lost.add(effective.sequence)
            situation.apply(effective)
    return frozenset(lost)
