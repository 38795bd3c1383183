"""The agreements of a process and their lifecycle, folded from its events (no framework).

Each agreement is named by its slug within its process; its lifecycle is the table of
`agreement_lifecycle.py`.

`rejected` and `ended` are final. A vote that says yes and an alleged breach change no status;
they are allowed on a date the agreement was signed or in force (up to its closing day), even
when it has closed since. No agreement event changes the
talks' status: the analyst records that (`talks_concluded`, outcome `agreement`).

`Agreements.check` refuses what cannot be (an event about an agreement that does not exist, a
transition the table has not, an agreement taking effect before it was signed, a lifecycle
change dated before the agreement's latest one) and changes nothing; `apply` takes an event
already checked. The fold of a process calls both, so the aggregate, the projection and "as
known at" read one lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .agreement_dates import status_on
from .agreement_lifecycle import (
    AGREEMENT_EVENTS,
    BREACH,
    ENDED,
    KEEPS,
    LIFECYCLE,
    RATIFIED,
    SIGNED,
    THIRD_PARTY,
    VOTES,
    AgreementTransitionRefused,
    move_of,
)
from .dating import describe_day, precision_of
from .entries import Entry
from .errors import Day, InvalidEvent, refused
from .participation import PARTY_ALREADY
from .specs import precedes
from .vocabulary import AgreementStatus as A
from .vocabulary import gettext_noop


@dataclass(frozen=True)
class Agreement:
    """An agreement as its events leave it. Frozen: `apply` replaces it, so a copy of the
    process's situation never shares a changing agreement."""

    slug: str
    title: str
    stage: str
    sequence: int  # the signing event
    signed_on: date
    signed_on_precision: str
    signatories: tuple[str, ...]
    concluded: str = "signed"  # or "agreed": no signing reported
    third_parties: tuple[dict[str, str], ...] = ()
    text_url: str = ""
    takes_effect_on: date | None = None
    supersedes: str = ""
    superseded_by: str = ""
    status: str = A.SIGNED
    status_sequence: int = 0
    in_force_on: date | None = None
    in_force_on_precision: str = "day"
    closed_on: date | None = None  # the day it was rejected or ended
    closed_on_precision: str = "day"
    end_reason: str = ""
    ended_by: tuple[str, ...] = ()
    rejected_by: str = ""  # "referendum", or the body whose vote rejected it
    votes: tuple[dict[str, Any], ...] = ()
    breaches: tuple[dict[str, Any], ...] = ()
    version: int = 0  # the sequence of the latest event about it

    @property
    def latest_change(self) -> tuple[date, str]:
        """The day (and its precision) of its latest lifecycle change."""
        if self.closed_on is not None:
            return self.closed_on, self.closed_on_precision
        if self.in_force_on is not None:
            return self.in_force_on, self.in_force_on_precision
        return self.signed_on, self.signed_on_precision

    @property
    def signed_day(self) -> Day:
        return describe_day(self.signed_on, self.signed_on_precision)

    def status_on(self, day: date) -> str | None:
        return status_on(self, day)

    def in_force(self, day: date) -> bool:
        return self.status_on(day) == A.IN_FORCE


@dataclass
class Agreements:
    """The agreements of one process by slug, and the process's third parties (actor ->
    roles, from the third parties' events)."""

    by_slug: dict[str, Agreement] = field(default_factory=dict)
    third_parties: dict[str, list[str]] = field(default_factory=dict)

    def copy(self) -> Agreements:
        return Agreements(dict(self.by_slug), {a: list(r) for a, r in self.third_parties.items()})

    # -- refusals ---------------------------------------------------------------------------

    def check(self, entry: Entry, *, parties: dict[str, str] | None = None) -> None:
        """Refuse `entry` if the agreements cannot take it. Changes nothing."""
        if entry.type == THIRD_PARTY:
            self._check_third_party(entry.values, parties or {})
            return
        if entry.type not in AGREEMENT_EVENTS:
            return
        v = entry.values
        if entry.type == SIGNED:
            self._check_signing(v)
            return
        agreement = self.named(v["agreement"])
        occurred_on, precision = v["occurred_on"], precision_of(v)
        signed_on, signed_precision = agreement.signed_on, agreement.signed_on_precision
        if precedes(occurred_on, precision, signed_on, signed_precision):
            raise refused(
                "occurred_on",
                gettext_noop(
                    "%(day)s is before the agreement '%(agreement)s' was signed (%(signed)s)."
                ),
                day=describe_day(occurred_on, precision),
                agreement=agreement.slug,
                signed=describe_day(signed_on, signed_precision),
            )
        move = move_of(entry.type, v)
        if move is None:
            # A claim or a vote that keeps the status is judged on its own date: a breach
            # alleged while the agreement held is recorded even once it has ended.
            closed, closed_precision = agreement.closed_on, agreement.closed_on_precision
            held_then = closed is not None and not precedes(
                closed, closed_precision, occurred_on, precision
            )
            if agreement.status not in KEEPS[entry.type] and not held_then:
                raise AgreementTransitionRefused(agreement, entry.type, dated=True)
            return
        # A step backfilled once a later one is recorded (it took effect, then ended) is
        # refused for its date, saying how to add it, not as a move the status does not allow
        # ("ended: allowed now: none", a French and Russian analyst's outside test); a step
        # the later change could not have followed (a second end) is refused as a move.
        latest, latest_precision = agreement.latest_change
        earlier = precedes(occurred_on, precision, latest, latest_precision)
        if move not in LIFECYCLE[A(agreement.status)] and not (
            earlier and _could_come_first(agreement, move, occurred_on)
        ):
            raise AgreementTransitionRefused(agreement, entry.type)
        if earlier:
            raise refused(
                "occurred_on",
                gettext_noop(
                    "%(day)s is before the agreement's latest change (%(latest)s): an "
                    "agreement's lifecycle is recorded in world order. Correct the event whose "
                    "date is wrong; to add a step that came first, retract the later change, "
                    "then record both in order."
                ),
                day=describe_day(occurred_on, precision),
                latest=describe_day(latest, latest_precision),
            )
        if entry.type == ENDED and v.get("superseded_by"):
            self._check_superseded_by(agreement, v)

    def named(self, slug: str, field_name: str = "agreement") -> Agreement:
        found = self.by_slug.get(slug)
        if found is None:
            known = ", ".join(sorted(self.by_slug)) or "-"
            missing = gettext_noop(
                "There is no agreement '%(slug)s' in this process (its agreements: %(known)s): "
                "record its signing first."
            )
            raise refused(field_name, missing, slug=slug, known=known)
        return found

    def _check_signing(self, v: dict[str, Any]) -> None:
        existing = self.by_slug.get(v["agreement"])
        if existing is not None:
            taken = gettext_noop(
                "'%(agreement)s' is already an agreement of this process (signed %(signed)s): "
                "give the new one its own slug."
            )
            raise refused("agreement", taken, agreement=existing.slug, signed=existing.signed_day)
        if v.get("supersedes"):
            self.named(v["supersedes"], "supersedes")

    def _check_superseded_by(self, agreement: Agreement, v: dict[str, Any]) -> None:
        if v["superseded_by"] == agreement.slug:
            raise InvalidEvent(
                {"superseded_by": [gettext_noop("An agreement cannot supersede itself.")]}
            )
        successor = self.named(v["superseded_by"], "superseded_by")
        if precedes(v["occurred_on"], precision_of(v), successor.signed_on, "day"):
            too_late = gettext_noop(
                "'%(successor)s' was signed on %(signed)s, after this end: it cannot have "
                "superseded the agreement yet."
            )
            raise refused(
                "superseded_by", too_late, successor=successor.slug, signed=successor.signed_day
            )

    def _check_third_party(self, v: dict[str, Any], parties: dict[str, str]) -> None:
        actor, role = v["actor"], v["role"]
        if role in self.third_parties.get(actor, ()):
            already = gettext_noop("'%(actor)s' is already a %(role)s of this process.")
            raise refused("actor", already, actor=actor, role=role)
        if parties.get(actor) == "active":
            raise refused("actor", PARTY_ALREADY, actor=actor)

    def refuse_new(self, entry: Entry) -> None:
        """The rules that bind a new event (and a corrected one) only, after `check`: a
        stored event is folded as recorded, never refused by a rule newer than it. An
        agreement supersedes one signed before it (or the same day), never a later one."""
        v = entry.values
        if entry.type == SIGNED and v.get("supersedes"):
            replaced = self.by_slug[v["supersedes"]]
            _refuse_superseding_a_later_one(
                "supersedes", replaced, v["occurred_on"], precision_of(v)
            )
        elif entry.type == ENDED and v.get("superseded_by"):
            successor = self.by_slug[v["superseded_by"]]
            _refuse_superseding_a_later_one(
                "superseded_by",
                self.by_slug[v["agreement"]],
                successor.signed_on,
                successor.signed_on_precision,
            )

    # -- the fold ---------------------------------------------------------------------------

    def apply(self, entry: Entry) -> Agreement | None:
        """Take `entry` (already checked); return the agreement it changed, if any."""
        v = entry.values
        if entry.type == THIRD_PARTY:
            self.third_parties.setdefault(v["actor"], []).append(v["role"])
            return None
        if entry.type not in AGREEMENT_EVENTS:
            return None
        if entry.type == SIGNED:
            changed = signed(entry)
            if changed.supersedes in self.by_slug:
                replaced = self.by_slug[changed.supersedes]
                self.by_slug[replaced.slug] = replace(replaced, superseded_by=changed.slug)
        else:
            changed = after(self.by_slug[v["agreement"]], entry)
        self.by_slug[changed.slug] = changed
        return changed

    def in_force_on(self, day: date) -> list[Agreement]:
        """The agreements in force on world date `day`, in signing order."""
        return sorted(
            (a for a in self.by_slug.values() if a.in_force(day)), key=lambda a: a.sequence
        )


def _could_come_first(agreement: Agreement, move: str, day: date) -> bool:
    """Whether `move` on `day`, before the agreement's latest change, could have led to its
    status now: taking effect before an end, yes; ending before an end, no."""
    then = LIFECYCLE[A(status_on(agreement, day) or A.SIGNED)].get(move)
    return then is not None and A(agreement.status) in LIFECYCLE[then].values()


def signed(entry: Entry) -> Agreement:
    v = entry.values
    return Agreement(
        slug=v["agreement"],
        title=v["title"],
        stage=v["stage"],
        sequence=entry.sequence,
        signed_on=v["occurred_on"],
        signed_on_precision=precision_of(v),
        signatories=tuple(v["signatories"]),
        concluded=v.get("concluded") or "signed",
        third_parties=tuple(dict(t) for t in v.get("third_parties") or ()),
        text_url=v.get("text_url") or "",
        takes_effect_on=v.get("takes_effect_on"),
        supersedes=v.get("supersedes") or "",
        status=A.SIGNED,
        status_sequence=entry.sequence,
        version=entry.sequence,
    )


def after(agreement: Agreement, entry: Entry) -> Agreement:
    """The agreement after one of its later events (checked)."""
    v = entry.values
    day, precision = v["occurred_on"], precision_of(v)
    changed = replace(agreement, version=entry.sequence)
    if entry.type in VOTES:
        changed = replace(changed, votes=(*changed.votes, vote_of(entry)))
    elif entry.type == BREACH:
        breach = {
            "sequence": entry.sequence,
            "occurred_on": day,
            "date_precision": precision,
            **{key: list(v.get(key) or ()) for key in ("alleged_by", "against")},
            "causes": [dict(c) for c in v.get("causes") or ()],
        }
        changed = replace(changed, breaches=(*changed.breaches, breach))
    move = move_of(entry.type, v)
    if move is None:
        return changed
    status = LIFECYCLE[A(agreement.status)][move]
    changed = replace(changed, status=status, status_sequence=entry.sequence)
    if status == A.IN_FORCE:
        return replace(changed, in_force_on=day, in_force_on_precision=precision)
    changed = replace(changed, closed_on=day, closed_on_precision=precision)
    if status == A.REJECTED:
        return replace(changed, rejected_by=v.get("body") or "referendum")
    return replace(
        changed,
        end_reason=v["end_reason"],
        ended_by=tuple(v.get("ended_by") or ()),
        superseded_by=v.get("superseded_by") or changed.superseded_by,
    )


def vote_of(entry: Entry) -> dict[str, Any]:
    """A ratification or a referendum as the agreement lists it."""
    v = entry.values
    kind = "ratification" if entry.type == RATIFIED else "referendum"
    keys = (
        ("body", "votes_for", "votes_against", "abstentions")
        if kind == "ratification"
        else ("yes_share", "no_share", "turnout")
    )
    return {
        "kind": kind,
        "sequence": entry.sequence,
        "occurred_on": v["occurred_on"],
        "date_precision": precision_of(v),
        "result": v["result"],
        **{k: v.get(k) for k in keys},
    }


def _refuse_superseding_a_later_one(
    field_name: str, replaced: Agreement, signed_on: date, precision: str
) -> None:
    """An agreement supersedes one signed before it (or the same day), never a later one."""
    if precedes(signed_on, precision, replaced.signed_on, replaced.signed_on_precision):
        raise refused(
            field_name,
            gettext_noop(
                "The successor was signed on %(signed)s, before '%(replaced)s' (%(earlier)s): "
                "an agreement supersedes an earlier one."
            ),
            signed=describe_day(signed_on, precision),
            replaced=replaced.slug,
            earlier=describe_day(replaced.signed_on, replaced.signed_on_precision),
        )
