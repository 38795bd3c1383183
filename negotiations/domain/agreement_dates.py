"""An agreement's status on a world date, read alike from the fold's `Agreement` and from its
read-model row (`Dated`): the status answer, the board and the digests ask it."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from .vocabulary import AgreementStatus as A


class Dated(Protocol):
    """What a status on a date is read from: an `Agreement`, or its read-model row."""

    @property
    def status(self) -> str: ...
    @property
    def signed_on(self) -> date: ...
    @property
    def in_force_on(self) -> date | None: ...
    @property
    def closed_on(self) -> date | None: ...


def closed_by(agreement: Dated, day: date) -> bool:
    """Whether it was rejected or ended by world date `day` (its status then is final)."""
    return agreement.closed_on is not None and agreement.closed_on <= day


def status_on(agreement: Dated, day: date) -> str | None:
    """Its status on world date `day` (None before it was signed)."""
    if day < agreement.signed_on:
        return None
    if closed_by(agreement, day):
        return agreement.status
    if agreement.in_force_on is not None and day >= agreement.in_force_on:
        return A.IN_FORCE
    return A.SIGNED
