"""Stored text as a feed or a calendar can carry it. New text with a control character is
refused at the edge (`domain.body_fields.control_refusal`), but a stored event is never
validated again by a newer rule: text stored before that rule is written with each character
XML 1.0 and iCalendar cannot hold shown as U+FFFD (the replacement character), never a 500."""

from __future__ import annotations

import re
from typing import Any

from django.utils.feedgenerator import Atom1Feed

from negotiations.domain.text_rules import LINE_BREAKS

# The controls XML 1.0 and iCalendar refuse (the domain's rule, with NUL and the lone
# surrogates the edge refuses before it).
UNCARRIED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def carried(text: str) -> str:
    """`text` with each character no feed or calendar can carry replaced."""
    return UNCARRIED.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """`text` carried, on one line: a tab or a line break (in a name stored before names
    were refused them) is a space."""
    return LINE_BREAKS.sub(" ", carried(text))


def _carried(value: Any) -> Any:
    if isinstance(value, str):
        return carried(value)
    if isinstance(value, list | tuple):
        return type(value)(_carried(v) for v in value)
    return value


class CarriedAtom1Feed(Atom1Feed):
    """Django's Atom feed, every text given to it carried (its writer raises on a control
    character: one stored event would make the feed a 500 for every reader)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*map(_carried, args), **{k: _carried(v) for k, v in kwargs.items()})

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        super().add_item(*map(_carried, args), **{k: _carried(v) for k, v in kwargs.items()})

    def latest_post_date(self) -> Any:
        """The feed's `updated`: its newest entry's, or with none the time of what it was
        made from (`empty_since`, given by the feed): Django's is the request's time, which
        told readers an empty feed changed at every poll under one strong ETag (a feed
        subscriber's outside test)."""
        if not self.items and self.feed.get("empty_since") is not None:
            return self.feed["empty_since"]
        return super().latest_post_date()
