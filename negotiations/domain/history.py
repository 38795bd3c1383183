"""A process's history as plain data, and the fold that derives its state from it: the
aggregate, the projection and the temporal queries all use it, so "status now", "on 10
February" and "as known on 5 February" cannot disagree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from .agreement_amendments import note_amendments
from .agreements import Agreements
from .bodies import NEEDS_A_SOURCE
from .dating import (
    is_later,
    precision_of,
    refuse_before_opening,
    refuse_lost_change,
    same_month,
    world_date,
)
from .entries import AMENDMENTS, Entry, Period, View, add_period
from .errors import InvalidEvent, OutOfOrder, describe_first, refused
from .expectations import Announced, expected_on
from .participation import refusal, take
from .registry import KINDS, NAMING, PARTICIPATION_EVENTS, SCHEDULING, STATUS_CHANGING_TYPES
from .specs import (
    SPECS,
    parse_body,
    precedes,
    read_stored_changes,
)
from .status_machine import next_status
from .vocabulary import EventType as E
from .vocabulary import Status, gettext_noop


@dataclass
class Situation:
    """What the history adds up to now: enough to check and apply the next event."""

    version: int = 0
    name: str = ""
    slug: str = ""
    conflict: str = ""
    description: str = ""
    opened_on: date | None = None
    status: str | None = None
    status_since: date | None = None
    status_sequence: int = 0
    status_causes: list[dict[str, Any]] = field(default_factory=list)
    expected_resumption_on: date | None = None
    latest_change_on: date | None = None
    last_event_on: date | None = None
    mediators: list[str] = field(default_factory=list)
    parties: dict[str, str] = field(default_factory=dict)
    # The precision (day or month) of each date above that an event gave.
    opened_on_precision: str = "day"
    status_since_precision: str = "day"
    latest_change_precision: str = "day"
    last_event_on_precision: str = "day"
    expected_resumption_precision: str = "day"
    # When what `expected_resumption_on` holds was announced (world date, sequence); not
    # kept in the summary row: read back as the pause's own.
    expected_announced: tuple[date, int] | None = None
    # The names given in the six languages ({language: name}), the latest in each: the
    # process's own, and each named actor's ({slug: {language: name}}).
    names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # The process's agreements and third parties (domain.agreements), folded beside it.
    agreements: Agreements = field(default_factory=Agreements)

    def copy(self) -> Situation:
        """A copy that applying events to leaves this one as it is (the containers `apply`
        changes in place are its own): a fraction of `copy.deepcopy`'s time."""
        return replace(
            self,
            status_causes=list(self.status_causes),
            mediators=list(self.mediators),
            parties=dict(self.parties),
            names=dict(self.names),
            actor_names={slug: dict(names) for slug, names in self.actor_names.items()},
            agreements=self.agreements.copy(),
        )

    def check(self, entry: Entry) -> None:
        """Refuse `entry` if it cannot follow this situation. Changes nothing."""
        occurred_on = world_date(entry.values)
        if entry.type in STATUS_CHANGING_TYPES:
            next_status(self.status or Status.PLANNED, entry.type)
            if self.latest_change_on and precedes(
                occurred_on,
                precision_of(entry.values),
                self.latest_change_on,
                self.latest_change_precision,
            ):
                # A month-precise change may take effect after the 1st (`takes_effect_on`);
                # it is still "in" its month.
                latest = self.latest_change_on
                if self.latest_change_precision == "month":
                    latest = latest.replace(day=1)
                raise OutOfOrder(occurred_on, latest, self.latest_change_precision)
        kind = KINDS.get(entry.type)
        if kind is not None and kind.moves_actor:
            refused = refusal(
                kind.participation, entry.values["actor"], self.parties, self.mediators
            )
            if refused:
                raise InvalidEvent({"actor": [refused]})
        self.agreements.check(entry, parties=self.parties)

    def check_new(self, entry: Entry) -> None:
        """`check`, and the rules that bind new events (and corrected ones) only: a stored
        event is folded as recorded, never refused by a rule newer than it."""
        refuse_before_opening(self, entry)  # first: a wrong date says more than an order
        self.check(entry)
        refuse_lost_change(self, entry)
        self.agreements.refuse_new(entry)

    def apply(self, entry: Entry) -> Period | None:
        """Take `entry` (already checked); return the period it starts, if any."""
        v = entry.values
        occurred_on = world_date(v)
        precision = precision_of(v)
        self.version = max(self.version, entry.sequence)
        # A name given in a language is about the record, not the talks: never their last event.
        if entry.type != NAMING and is_later(occurred_on, precision, self.last_event_on):
            self.last_event_on, self.last_event_on_precision = occurred_on, precision
        self.agreements.apply(entry)
        match entry.type:
            case E.PROCESS_OPENED:
                self.name, self.slug, self.conflict = v["name"], v["slug"], v["conflict"]
                self.description = v.get("description", "")
                self.opened_on, self.opened_on_precision = occurred_on, precision
                self.mediators = list(v.get("mediators") or ())
                self.parties = {p: "active" for p in v.get("parties") or ()}
                self.status, self.status_since, self.status_sequence = (
                    Status.PLANNED,
                    occurred_on,
                    1,
                )
                self.status_since_precision = precision
                return Period(
                    entry.sequence,
                    None,
                    Status.PLANNED,
                    occurred_on,
                    None,
                    [],
                    None,
                    entry.recorded_at,
                    occurred_on,
                    precision,
                )
            case kind if kind == NAMING:
                actor = v.get("actor")
                named = self.actor_names.setdefault(actor, {}) if actor else self.names
                named[v["language"]] = v["name"]
            case kind if kind in PARTICIPATION_EVENTS:
                take(KINDS[kind].participation, v["actor"], self.parties, self.mediators)
            case kind if kind == SCHEDULING and self.status == Status.PAUSED and self.status_since:
                self.expect(
                    Announced(
                        entry.sequence,
                        occurred_on,
                        v.get("scheduled_for"),  # None: postponed, no new date
                        precision=v.get("scheduled_for_precision") or "day",
                    )
                )
        if entry.type not in STATUS_CHANGING_TYPES:
            return None
        previous = self.status
        starts_on = self.takes_effect_on(occurred_on, precision)
        self.status = next_status(previous or Status.PLANNED, entry.type)
        self.status_since, self.status_sequence = occurred_on, entry.sequence
        self.status_causes = list(v.get("causes") or ())
        self.expected_resumption_on = v.get("expected_resumption_on")
        self.expected_resumption_precision = v.get("expected_resumption_precision") or "day"
        self.expected_announced = None
        self.latest_change_on = starts_on
        self.status_since_precision = self.latest_change_precision = precision
        return Period(
            entry.sequence,
            previous,
            self.status,
            starts_on,
            None,
            self.status_causes,
            self.expected_resumption_on,
            entry.recorded_at,
            occurred_on,
            precision,
            self.expected_resumption_precision,
        )

    def expect(self, talks: Announced) -> None:
        """Talks scheduled during a pause: the newer announcement is what the pause expects
        (`expectations.expected_on`, the rule the read side applies as of a date); talks
        postponed with no new date leave it expecting none."""
        since = self.status_since or talks.announced_on
        if talks.announced_on < since:
            return  # announced before the pause began: the pause is newer
        announced_on, sequence = self.expected_announced or (since, self.status_sequence)
        current = Announced(
            sequence,
            announced_on,
            self.expected_resumption_on,
            "resumption",
            self.expected_resumption_precision,
        )
        chosen = expected_on(current, [talks], None)
        self.expected_resumption_on = chosen.on
        self.expected_resumption_precision = chosen.precision if chosen.on else "day"
        self.expected_announced = (chosen.announced_on, chosen.sequence)

    def takes_effect_on(self, occurred_on: date, precision: str) -> date:
        """The day a status change takes effect: its date; for a month-precise change the 1st
        of its month, or, when the status last changed (or the process opened) later than
        that in the same month, the day after, so that the change before it still holds on
        one date. A stored change with no day of its month left takes that change's day."""
        before = self.latest_change_on or self.opened_on
        if precision != "month" or before is None or not same_month(before, occurred_on):
            return occurred_on
        after = before + timedelta(days=1)
        return after if same_month(after, occurred_on) else before


@dataclass
class Replay:
    """The corrected view of a whole history."""

    situation: Situation
    views: dict[int, View]
    periods: list[Period]


_ITSELF_CORRECTED = gettext_noop("#%(seq)s is itself a correction: amend the event it corrects.")
_ITSELF_RETRACTED = gettext_noop("#%(seq)s is itself a retraction: amend the event it retracts.")


def amendment_target(entries: dict[int, Entry], views: dict[int, View], amendment: Entry) -> View:
    """The view an amendment names, or a refusal saying why it cannot be amended."""
    key = "corrects" if amendment.type == E.EVENT_CORRECTED else "retracts"
    seq = amendment.values[key]
    if seq >= amendment.sequence or seq not in entries:
        raise refused(key, gettext_noop("There is no event #%(seq)s in this process."), seq=seq)
    target = entries[seq]
    if target.type in AMENDMENTS:  # in words, not the type's code ("a event_corrected")
        itself = _ITSELF_CORRECTED if target.type == E.EVENT_CORRECTED else _ITSELF_RETRACTED
        raise refused(key, itself, seq=seq)
    view = views[seq]
    if view.retraction is not None:
        raise refused(key, gettext_noop("#%(seq)s was retracted."), seq=seq)
    if amendment.type == E.EVENT_RETRACTED and target.type == E.PROCESS_OPENED:
        raise InvalidEvent({key: [gettext_noop("The opening of a process cannot be retracted.")]})
    return view


def corrected_values(
    view: View, changes: dict[str, Any], *, check: bool, restoring: bool = False
) -> dict[str, Any]:
    """The corrected event's values after `changes`. With `check` (a correction being
    recorded) validated against its type (`restoring`: as restored history); else read."""
    if not check:
        return {**view.values, **read_stored_changes(view.entry.type, changes)}
    try:
        parsed = parse_body(view.entry.type, changes, partial=True, restoring=restoring)
    except InvalidEvent as e:
        raise InvalidEvent({f"changes.{k}": m for k, m in e.errors.items()}) from None
    merged = {**view.values, **parsed}
    if SPECS[view.entry.type].changes_status and not merged.get("sources"):
        raise InvalidEvent({"changes.sources": [NEEDS_A_SOURCE]})
    return merged


def corrected_views(
    ordered: list[Entry], *, checking: int | None = None, restoring: bool = False
) -> dict[int, View]:
    """Each event (in sequence order) as the corrected view shows it; the correction at
    sequence `checking`, being recorded, is validated, the stored ones are read."""
    by_seq = {e.sequence: e for e in ordered}
    views: dict[int, View] = {}
    for entry in ordered:
        if entry.type not in AMENDMENTS:
            views[entry.sequence] = View(entry, dict(entry.values))
            continue
        target = amendment_target(by_seq, views, entry)
        note = {
            "sequence": entry.sequence,
            "reason": entry.values["reason"],
            "recorded_at": entry.recorded_at,
            "recorded_by": entry.recorded_by,
        }
        if entry.type == E.EVENT_CORRECTED:
            check = entry.sequence == checking
            changes = entry.values["changes"]
            target.values = corrected_values(target, changes, check=check, restoring=restoring)
            target.corrections.append({**note, "changes": entry.values["changes"]})
        else:
            target.retraction = note
    return views


def fold(
    ordered: list[Entry],
    views: dict[int, View],
    *,
    checking: int | None = None,
    tolerated: frozenset[int] = frozenset(),
) -> Replay:
    """The situation and the status periods of the corrected view. The event at `checking`,
    being corrected, passes a new event's rules (the opening: none may precede it), and no
    status change after it may be left holding on no date (`refuse_lost_change`) but those
    in `tolerated`, which were so before the correction: a stored history is folded as
    recorded. (A retraction cannot leave one so: it takes out a status change only where
    the changes on either side of it follow each other, and so each other's dates.)"""
    situation = Situation()
    periods: list[Period] = []
    opening_checked = checking == 1  # the opening is always #1
    for view in views.values():
        if view.retraction is not None:
            continue
        effective = replace(view.entry, values=view.values)
        if view.entry.sequence == checking:
            check_as_corrected(situation, effective)
        else:
            situation.check(effective)
            if opening_checked:
                refuse_before_opening(situation, effective)
            later = checking is not None and view.entry.sequence > checking
            if later and view.entry.sequence not in tolerated:
                _refuse_lost_later(situation, effective)
        period = situation.apply(effective)
        if period is not None:
            add_period(periods, period)
    note_amendments(situation.agreements, views.values())
    situation.version = ordered[-1].sequence if ordered else 0
    return Replay(situation, views, periods)


def _refuse_lost_later(situation: Situation, later: Entry) -> None:
    """`refuse_lost_change` for an event after a corrected one, said of the correction's
    `changes` (its own `occurred_on` is not what is wrong)."""
    try:
        refuse_lost_change(situation, later)
    except InvalidEvent as e:
        then = gettext_noop("#%(seq)s would then be refused: %(why)s")
        raise refused("changes", then, seq=later.sequence, why=describe_first(e)) from None


def check_as_corrected(situation: Situation, corrected: Entry) -> None:
    """`Situation.check_new` for a corrected event; its own refusals name `changes.<field>`."""
    try:
        refuse_before_opening(situation, corrected)
    except InvalidEvent as e:
        raise _as_changes(e) from None
    situation.check(corrected)
    try:
        refuse_lost_change(situation, corrected)
        situation.agreements.refuse_new(corrected)
    except InvalidEvent as e:
        raise _as_changes(e) from None


def _as_changes(error: InvalidEvent) -> InvalidEvent:
    return InvalidEvent({f"changes.{k}": m for k, m in error.errors.items()})


def replay(entries: Iterable[Entry]) -> Replay:
    """Fold a history (in sequence order) into its corrected view. Raises a DomainError if
    the corrected history breaks a rule (how an inconsistent correction is refused)."""
    ordered = sorted(entries, key=lambda e: e.sequence)
    return fold(ordered, corrected_views(ordered))
