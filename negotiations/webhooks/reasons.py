"""Why a delivery attempt failed, in our words (never the receiver's, nor an address a name
resolved to). The attempts log, the API and the worker's log keep them in English; the admin
shows them in the reader's language (`reason_shown`)."""

from __future__ import annotations

import re

import urllib3
from django.conf import settings
from django.utils.translation import get_language_bidi, gettext_noop
from django.utils.translation import gettext as _

from .deadline import Cut
from .outbound import BAD_URL, KINDS, REFUSED, Unresolvable, UnsafeDestination

NOT_SENT = gettext_noop("Not sent: %(why)s")
INTERNAL = gettext_noop("Not sent: an internal error (see the worker's log).")
BUSY = gettext_noop(
    "Not sent: the worker was looking up too many hosts at once (not this endpoint's fault)."
)
NO_CONNECTION = gettext_noop("Could not connect.")
CONNECT_TIMEOUT = gettext_noop("Could not connect: timed out.")
NO_ANSWER = gettext_noop("No answer within %(seconds)s s.")
# Begun, perhaps in part answered, but not over within the whole deadline (connecting and
# answering): a receiver that dripped its answer was said to have given none.
CUT = gettext_noop("No whole answer within %(seconds)s s.")
TLS_FAILED = gettext_noop("TLS failed (certificate or handshake).")
CONNECTION_FAILED = gettext_noop("The connection failed before an answer.")
REDIRECT = gettext_noop("HTTP %(status)s: a redirect, not followed.")
NOT_2XX = gettext_noop("HTTP %(status)s: not a 2xx answer.")
DISABLED = gettext_noop("Failing since %(since)s UTC; last: %(last)s")
# Stored by migration 0010 (its own copy of these words) on the endpoints a deleted user had
# left behind.
ORPHANED = gettext_noop("Its owner was deleted: no one could see or delete it.")
# Failures that are the tracker's, not the endpoint's: retried, never counted towards
# disabling it (`delivery._failed`).
OURS = frozenset({INTERNAL, BUSY})


def failure_reason(error: Exception) -> str:
    """A short reason for a request that got no answer."""
    if isinstance(error, UnsafeDestination | Unresolvable):
        return NOT_SENT % {"why": error}
    if isinstance(error, urllib3.exceptions.NewConnectionError):  # (a ConnectTimeoutError)
        return NO_CONNECTION
    if isinstance(error, urllib3.exceptions.ConnectTimeoutError):
        return CONNECT_TIMEOUT
    if isinstance(error, Cut):
        whole = settings.WEBHOOK_CONNECT_SECONDS + settings.WEBHOOK_TIMEOUT_SECONDS
        return CUT % {"seconds": whole}
    if isinstance(error, urllib3.exceptions.ReadTimeoutError):
        return NO_ANSWER % {"seconds": settings.WEBHOOK_TIMEOUT_SECONDS}
    if isinstance(error, urllib3.exceptions.SSLError):
        return TLS_FAILED
    return CONNECTION_FAILED


def answer_reason(status: int) -> str:
    """What an answer that is not 2xx means (its body is not kept)."""
    return (REDIRECT if 300 <= status < 400 else NOT_2XX) % {"status": status}


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a pattern: each `%(name)s` a group of that name."""
    return re.compile(re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(template)))


# Every reason the log stores, most specific first: a stored reason is matched whole.
_REASONS = [
    (t, _pattern(t))
    for t in (
        DISABLED,
        ORPHANED,
        INTERNAL,
        BUSY,
        NOT_SENT,
        NO_CONNECTION,
        CONNECT_TIMEOUT,
        NO_ANSWER,
        CUT,
        TLS_FAILED,
        CONNECTION_FAILED,
        REDIRECT,
        NOT_2XX,
        *REFUSED.values(),
        *BAD_URL,
        *KINDS.values(),
    )
]


def reason_shown(stored: str) -> str:
    """A reason the log stored, in the reader's language: each part the log wrote from a
    template of ours, translated; anything else (a host, a status, a date) as stored, and
    set apart from the words around it in a right-to-left language (Unicode's first-strong
    isolate), so that "hooks.example.test" or "2026-12-05 12:00" reads as written."""
    return _shown(stored, isolate=False)


def _shown(stored: str, *, isolate: bool) -> str:
    for template, pattern in _REASONS:
        found = pattern.fullmatch(stored)
        if found:
            parts = {k: _shown(v, isolate=True) for k, v in found.groupdict().items()}
            return _(template) % parts
    return f"\u2068{stored}\u2069" if isolate and get_language_bidi() else stored
