"""The picture's words: a period's hover text, its stated causes, and dates as the picture
writes them (isolated left to right in a right-to-left page)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from negotiations.presentation.direction import left_to_right_in_bidi
from negotiations.presentation.labels import category_label, date_words, in_brackets, status_label
from negotiations.presentation.picture_axis import axis_month
from negotiations.read.models import StatusPeriod


def causes_text(causes: Iterable[dict[str, Any]], names: Mapping[str, str]) -> list[str]:
    lines = []
    for cause in causes:
        category = category_label(cause.get("category"))
        who = names.get(cause.get("stated_by", ""), cause.get("stated_by", ""))
        # Each name isolated (U+2068 ... U+2069, a tooltip's <bdi>): a Latin name in an
        # Arabic tooltip keeps its order.
        colon = _(": ")
        said = category + colon + cause.get("description", "")
        lines.append(said + in_brackets(f"\u2068{who}\u2069"))
    return lines


def start_precision(period: StatusPeriod) -> str:
    """How precisely a status period's start is known: its change's precision. A
    month-precise change reads as its month ("October 2016") even where it took effect after
    its month's 1st (the day after a change earlier that month, `history.takes_effect_on`):
    that day is the fold's, so that the change before holds on one date, not something known,
    and written as a day it told a day nobody recorded. The board's table and the picture read
    a start, and an end (the next period's start), so."""
    return "month" if period.date_precision == "month" else "day"


def expectations(period: StatusPeriod) -> list[tuple[date | None, str]]:
    """The dates a pause expected the talks back on, in the order they were announced
    (`selectors.status_periods`' `expected`); a period read otherwise, its own date."""
    said = getattr(period, "expected", None)
    if said is not None:
        return said
    own = period.expected_resumption_on
    return [(own, period.expected_resumption_precision or "day")] if own else []


def then_joined(said: list[tuple[date | None, str]], write: Callable[[date, str], str]) -> str:
    """Successive expected dates, each as `write` writes it: "25 February 2016, then 7 March
    2016"; talks postponed with no new date as such."""
    return _(", then ").join(
        write(on, precision) if on else _("no new date set") for on, precision in said
    )


def hover_text(period: StatusPeriod, names: Mapping[str, str], end_precision: str = "day") -> str:
    """What a band says under the pointer: a sentence, its dates written as the board writes
    them; its start, and its end (the next period's start, whose precision is
    `end_precision`), as precise as they are known ("October 2016"). It wrote days as
    2016-02-03 beside a month in words."""
    text = _("%(status)s from %(start)s to %(end)s") % {
        "status": status_label(period.status),
        "start": date_words(period.starts_on, start_precision(period)),
        "end": date_words(period.ends_on, end_precision) if period.ends_on else _("now"),
    }
    said = expectations(period)
    [(on, precision)] = said if len(said) == 1 else [(None, "")]
    if on and precision == "month":
        text += "\n" + _("Expected to resume in %(month)s") % {"month": date_words(on, "month")}
    elif on:
        text += "\n" + _("Expected to resume on %(day)s") % {"day": date_words(on)}
    elif said:
        text += "\n" + _("Expected to resume: %(dates)s") % {"dates": then_joined(said, date_words)}
    causes = causes_text(period.causes or (), names)
    if causes:
        text += "\n" + _("Stated causes:") + "\n" + "\n".join(f"• {c}" for c in causes)
    return text


def label_date(day: date, precision: str = "day") -> str:
    """A date as the picture's labels write it: a day in ISO form for its width, 2016-02-03;
    a month-precise one as the axis names its months, in words ("Oct 2016", "oct. 2016",
    "2016年10月"): a month is written as a month wherever it is shown (an analyst's outside
    test read "возобновление 2016-09" in the Russian picture)."""
    return axis_month(day) if precision == "month" else day.isoformat()


def label_day(day: date, precision: str = "day") -> str:
    """`label_date` inside a sentence: right to left, an ISO day isolated left to right
    (U+2066 ... U+2069), or after Arabic words its digits would read 03-02-2016."""
    shown = label_date(day, precision)
    return shown if precision == "month" else left_to_right_in_bidi(shown)
