"""Idempotency receipts: proof, stored with a command's events, that a command with an
Idempotency-Key ran, so the event store's own uniqueness refuses to record it twice."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import register_topic

from negotiations.domain.process import PeaceProcess

RECEIPT_NAMESPACE = uuid.UUID("0b7e2f7e-5a7d-4b8e-8f3e-7f4f1d2a9c30")


class CommandReceipt(Aggregate):
    """Proof that a command with an idempotency key ran: saved atomically with its events,
    so the event store's own uniqueness makes a repeated key impossible to record twice."""

    class_version = 1

    class Issued(Aggregate.Created):
        class_version = 1
        user: str
        key: str
        fingerprint: str
        process_id: UUID
        sequence: int

    def __init__(
        self, user: str, key: str, fingerprint: str, process_id: UUID, sequence: int
    ) -> None:
        self.user, self.key, self.fingerprint = user, key, fingerprint
        self.process_id, self.sequence = process_id, sequence

    @classmethod
    def issue(
        cls,
        user: str,
        key: str,
        fingerprint: str,
        process_id: UUID,
        sequence: int,
        issued_at: datetime | None = None,
    ) -> CommandReceipt:
        """A receipt issued at `issued_at`, or now without one (the library stamps the event):
        the library's documented way to create an aggregate, `cls._create` in a class method
        of its own."""
        return cls._create(
            cls.Issued,
            id=receipt_id(user, key),
            timestamp=issued_at,
            user=user,
            key=key,
            fingerprint=fingerprint,
            process_id=process_id,
            sequence=sequence,
        )


# Receipts stored before the write side had its own folder name the class by its old module.
register_topic("negotiations.application:CommandReceipt", CommandReceipt)
register_topic("negotiations.application:CommandReceipt.Issued", CommandReceipt.Issued)


def receipt_id(user: str, key: str) -> UUID:
    return uuid.uuid5(RECEIPT_NAMESPACE, f"{user}\x00{key}")


def fingerprint(*parts: Any) -> str:
    canonical = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def new_receipt(
    user: str, key: str | None, print_: str, process: PeaceProcess
) -> CommandReceipt | None:
    """The receipt of a command with a key (none without one), at the version it made."""
    if not key:
        return None
    return CommandReceipt.issue(user, key, print_, process.id, process.version)


def restored_receipt(
    *, user: str, key: str, print_: str, process_id: UUID, sequence: int, issued_at: datetime
) -> CommandReceipt.Issued:
    """The stored event of a receipt as an export carried it, issued when it first was: an
    import appends it with the history, so that the key keeps answering its first event."""
    receipt = CommandReceipt.issue(user, key, print_, process_id, sequence, issued_at)
    [issued] = receipt.collect_events()
    return issued  # type: ignore[return-value]  # the one event `issue` made: an Issued
