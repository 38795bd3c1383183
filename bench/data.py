"""Deterministic histories: the same seed gives the same processes and events, every run."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

SOURCE = {"url": "https://example.org/report", "outlet": "Example Wire"}
START = date(1990, 1, 1)
MEDIATOR = "united-nations"
PARTIES = ["syrian-government", "hnc"]
GUEST = "turkey"
SPEAKERS = ["turkey", "russia", "iran", "ban-ki-moon", "un-official"]


def opening(slug: str, on: date = START) -> dict[str, Any]:
    return {
        "name": f"Bench talks {slug}",
        "slug": slug,
        "conflict": f"Conflict {int(slug.rsplit('-', 1)[-1]) % 40}",
        "mediators": [MEDIATOR],
        "parties": list(PARTIES),
        "occurred_on": on.isoformat(),
        "sources": [SOURCE],
    }


def cause(rng: random.Random) -> dict[str, Any]:
    return {
        "category": rng.choice(["military_escalation", "preconditions", "procedural"]),
        "description": "Stated reason.",
        "stated_by": rng.choice(SPEAKERS),
    }


class Story:
    """One process's history, told an event at a time, valid under the domain's rules."""

    def __init__(self, slug: str, seed: int) -> None:
        self.slug = slug
        self.rng = random.Random(f"{seed}:{slug}")
        self.status = "planned"
        self.day = START
        self.guest_in = False
        # Its agreements, one at a time: signed, in force, then ended (issue 25's types).
        self.agreements = 0
        self.agreement_status = ""

    def opening(self) -> dict[str, Any]:
        return opening(self.slug, self.day)

    def next(self) -> tuple[str, dict[str, Any]]:
        """The next event: (type, body)."""
        rng = self.rng
        self.day += timedelta(days=rng.randint(0, 2))
        body: dict[str, Any] = {"occurred_on": self.day.isoformat(), "sources": [SOURCE]}
        roll = rng.random()
        if self.status == "planned":
            kind = "talks_convened"
            body["venue"] = "Geneva"
            self.status = "active"
        elif roll < 0.05:
            kind = self.agreement_step(body)
        elif roll < 0.5:
            kind = "statement_made"
            body.update(actor=rng.choice(SPEAKERS), stance="critical", summary="Said something.")
        elif roll < 0.6:
            kind = "party_withdrew" if self.guest_in else "party_joined"
            body["actor"] = GUEST
            self.guest_in = not self.guest_in
        elif roll < 0.65:
            kind = "talks_scheduled"
            body.update(scheduled_for=(self.day + timedelta(days=7)).isoformat(), venue="Geneva")
        elif self.status == "active":
            kind = "talks_suspended" if roll > 0.93 else "talks_paused"
            if kind == "talks_paused":
                body["expected_resumption_on"] = (self.day + timedelta(days=21)).isoformat()
            body["causes"] = [cause(rng)]
            self.status = "suspended" if kind == "talks_suspended" else "paused"
        else:
            kind = "talks_resumed"
            self.status = "active"
        return kind, body

    def agreement_step(self, body: dict[str, Any]) -> str:
        """The next event of its current agreement: signed, in force, ended."""
        if self.agreement_status in ("", "ended"):
            self.agreements += 1
            self.agreement_status = "signed"
            body.update(
                agreement=f"agreement-{self.agreements}",
                title=f"Ceasefire {self.agreements}",
                stage="ceasefire",
                signatories=SPEAKERS[:2],
            )
            return "agreement_signed"
        body["agreement"] = f"agreement-{self.agreements}"
        if self.agreement_status == "signed":
            self.agreement_status = "in_force"
            return "agreement_took_effect"
        self.agreement_status = "ended"
        body["end_reason"] = "expired"
        return "agreement_ended"


def statement(day: date, n: int) -> dict[str, Any]:
    """A statement: valid on any process at any time (used where writes must never clash)."""
    return {
        "occurred_on": day.isoformat(),
        "sources": [SOURCE],
        "actor": SPEAKERS[n % len(SPEAKERS)],
        "stance": "critical",
        "summary": f"Statement {n}.",
    }


def slugs(count: int, prefix: str = "p") -> list[str]:
    return [f"{prefix}-{i:07d}" for i in range(count)]


def interleaved(
    count: int, events_each: int, seed: int, prefix: str = "p"
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """`count` processes of `events_each` events (the opening included), their events
    interleaved round-robin as concurrent editors would record them: (slug, type, body)."""
    stories = [Story(s, seed) for s in slugs(count, prefix)]
    for story in stories:
        yield story.slug, "process_opened", story.opening()
    for _ in range(events_each - 1):
        for story in stories:
            kind, body = story.next()
            yield story.slug, kind, body
