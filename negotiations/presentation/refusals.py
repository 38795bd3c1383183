"""A refusal in the reader's language: the domain words its refusals in English (it imports
no framework); the API's `detail` and the admin's message say them again through gettext,
from the values each refusal carries. In English the words are the domain's own."""

from __future__ import annotations

import re

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from negotiations.domain.agreement_lifecycle import AgreementTransitionRefused
from negotiations.domain.errors import (
    AFTER_AMENDMENT,
    Day,
    DomainError,
    IdempotencyConflict,
    InvalidEvent,
    InvalidTransition,
    OutOfOrder,
    VersionConflict,
    Words,
    describe_refusal,
)
from negotiations.domain.vocabulary import AGREEMENT_STATUS_LABELS
from negotiations.presentation.direction import isolated_in_bidi
from negotiations.presentation.labels import date_words, event_label, names_comma, status_word


def refusal_detail(error: DomainError, detail: str | None = None, *, labelled: bool = False) -> str:
    """The refusal's `detail`, translated where its kind is known. A refusal of the history
    an amendment would leave says so first, then the refusal's own detail. `labelled` names
    event types by their labels ("Talks paused", "暂停会谈"), for a person at a form; the
    API's detail names them by the codes a client sends."""
    detail = error.detail if detail is None else detail
    if isinstance(detail, Words) and detail.template == AFTER_AMENDMENT:
        why = refusal_detail(error, detail.values["why"], labelled=labelled)
        return _(AFTER_AMENDMENT) % {"why": why}
    if isinstance(error, AgreementTransitionRefused | InvalidTransition):
        types = _types_labelled if labelled else _types_as_sent
        said = {"event_type": types([error.event_type]), "allowed": types(error.allowed)}
    if isinstance(error, AgreementTransitionRefused):  # an agreement's lifecycle, not talks
        label = AGREEMENT_STATUS_LABELS.get(error.status)
        if error.closed is not None:
            closed = {
                "agreement": error.agreement,
                "day": date_words(error.closed.day, error.closed.precision),
                "status": _(label).lower() if label else error.status,
                "event_type": said["event_type"],
            }
            # A month and a day each have their sentence: "в марте", not "закрыто март".
            in_month = _(
                "The agreement '%(agreement)s' closed in %(day)s (%(status)s): "
                "'%(event_type)s' is taken only with a date no later than that."
            )
            on_day = _(
                "The agreement '%(agreement)s' closed on %(day)s (%(status)s): "
                "'%(event_type)s' is taken only with a date no later than that."
            )
            return (in_month if error.closed.precision == "month" else on_day) % closed
        return _(
            "The agreement '%(agreement)s' is %(status)s: it cannot take '%(event_type)s'. "
            "Allowed now: %(allowed)s."
        ) % {
            "agreement": error.agreement,
            "status": _(label).lower() if label else error.status,
            **said,
        }
    if isinstance(error, InvalidTransition):
        return _(
            "Talks that are %(status)s cannot take '%(event_type)s'. Allowed now: %(allowed)s."
        ) % {"status": status_word(error.status), **said}
    if isinstance(error, VersionConflict):
        versions = {"current": error.current_version, "expected": error.expected_version}
        if error.expected_version > error.current_version:  # never reached (an attacker's test)
            return (
                _(
                    "The process is at version %(current)s, not %(expected)s: no such version was "
                    "ever reached. Reload and try again."
                )
                % versions
            )
        return (
            _(
                "The process is at version %(current)s, not %(expected)s: someone recorded an "
                "event meanwhile. Reload and try again."
            )
            % versions
        )
    if isinstance(error, OutOfOrder):
        latest = _when(Day(error.not_before, error.not_before_precision))
        return _(
            "A status change on %(day)s would precede the latest one, %(latest)s. Status "
            "changes are recorded in world order: correct the earlier event instead."
        ) % {"day": error.occurred_on.isoformat(), "latest": latest}
    if isinstance(error, IdempotencyConflict):
        return _(
            "The idempotency key '%(key)s' was already used for a different request (another "
            "body, or another expected_version or If-Match)."
        ) % {"key": error.key}
    if isinstance(error, InvalidEvent) and len(error.errors) != 1:
        return _("The event is invalid.")
    if isinstance(error, InvalidEvent):
        [(field, [first, *_others])] = error.errors.items()
        if detail == f"{field}: {first}":  # the detail InvalidEvent makes of its error
            # The colon as the reader writes it ("changes : …" in French).
            return _("%(field)s: %(message)s") % {"field": field, "message": say_again(first)}
    return say_again(detail)


def _when(day: Day) -> str:
    """'in February 2016' for a month-precise date, else 'on 2016-02-03'."""
    if day.precision == "month":
        return _("in %(month)s") % {"month": date_words(day.day, "month")}
    return _("on %(day)s") % {"day": day.day.isoformat()}


def _types_as_sent(types: list[str] | tuple[str, ...]) -> str:
    return ", ".join(types) if types else _("none")


def _types_labelled(types: list[str] | tuple[str, ...]) -> str:
    return names_comma().join(event_label(t) for t in types) if types else _("none")


def refusal_errors(error: InvalidEvent) -> dict[str, list[str]]:
    """The refusal's `errors`, each message in the reader's language."""
    return {field: [say_again(m) for m in messages] for field, messages in error.errors.items()}


def _value(value: object) -> object:
    """A refusal's value in the reader's language: a message it quotes, a day or month."""
    if isinstance(value, Words):
        return say_again(value)
    if isinstance(value, Day):
        return date_words(value.day, value.precision)
    if isinstance(value, str):  # an ISO date, a slug, a name: kept in its own direction
        return isolated_in_bidi(value)
    return value


def say_again(message: str) -> str:
    """A message of the domain in the reader's language: a `Words` through its template, any
    other as the catalogue has it (the domain marks its fixed messages with `gettext_noop`);
    a message the catalogue does not hold (pydantic's own) stays as it is."""
    if isinstance(message, Words):  # its values may be Words too (a refusal quoting another)
        template = _(message.template)
        said = template % {k: _value(v) for k, v in message.values.items()}
        # A sentence that opens with a date opens with a capital: a month in words is lower
        # case in French, Spanish and Russian ("février 2012 est antérieur…").
        first = _FIRST_VALUE.match(template)
        if first and isinstance(message.values.get(first.group(1)), Day):
            said = capfirst(said)
        return said
    return _(message) if message else message


_FIRST_VALUE = re.compile(r"\W*%\((\w+)\)s")


def refusal_in_words(error: DomainError) -> str:
    """A refusal in plain words, every field named (the admin's message)."""
    if isinstance(error, InvalidEvent):
        return describe_refusal(error, say_again)
    return refusal_detail(error, labelled=True)
