"""Logging filters of the settings' LOGGING."""

from __future__ import annotations

import logging


class WithoutTraceback(logging.Filter):
    """Keep the record's message, drop its traceback: a request for a host the tracker does
    not serve (a scanner's, every few seconds on a public address) logged 30 lines of
    Django's own call stack each, which said nothing the message does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
