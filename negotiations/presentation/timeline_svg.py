"""The timeline picture of a process: its status periods as coloured bands on a date axis,
with today and expected resumptions marked, over a range the reader picks.

The geometry is computed here; `negotiations/status_timeline.html` draws it (autoescaped, like
every template) and `negotiations/status_table.html` gives the same facts as a table for
keyboards and screen readers. Nothing is fetched and no script runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Required, TypedDict, Unpack

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import STATUS_LABELS, Status
from negotiations.read.models import StatusPeriod

from .labels import date_words
from .picture_axis import FONT_SIZE, ROW, WIDTH, Rows, Scale, after, text_width, ticks
from .picture_words import (
    causes_text,
    expectations,
    hover_text,
    label_date,
    label_day,
    start_precision,
)

# Every colour keeps a contrast of at least 3:1 against the picture's white background (WCAG
# 1.4.11, non-text contrast) and 4.5:1 against the white text of the admin's badges; Paused
# (amber) and Suspended (purple) are told apart by hue, not by shade.
STATUS_COLOURS: dict[str, str] = {
    Status.PLANNED: "#757575",
    Status.ACTIVE: "#2e7d32",
    Status.PAUSED: "#b45f06",
    Status.SUSPENDED: "#7b1fa2",
    Status.CONCLUDED: "#1565c0",
    Status.COLLAPSED: "#c62828",
}
OTHER_COLOUR = "#607d8b"
TODAY_COLOUR, EXPECTED_COLOUR = "#000", "#6d4c00"
MARK_ROWS = 2  # rows above the axis for today and expected resumptions
LABEL_ROWS = 4  # rows for transition labels below the bands; a label that fits none is left out
BAND_HEIGHT = 36


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, OTHER_COLOUR)


# -- the picture ---------------------------------------------------------------------------


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class Band:
    period: StatusPeriod
    x: float
    width: float
    colour: str
    hover: str
    open_ended: bool


@dataclass
class Transition:
    x: float
    line_bottom: float
    label: Label | None
    hover: str


@dataclass
class Mark:
    kind: str  # today, expected
    x: float
    top: float
    label: Label | None
    hover: str


@dataclass
class LegendEntry:
    kind: str  # status, ongoing, today, expected, break
    text: str
    colour: str = ""


@dataclass
class Picture:
    title: str
    width: int
    height: int
    band_top: float
    band_bottom: float
    band_height: float = BAND_HEIGHT
    font_size: int = FONT_SIZE

    @property
    def tick_top(self) -> float:
        return self.band_top - 2

    @property
    def tick_bottom(self) -> float:
        return self.band_bottom + 4

    def above_y(self, row: int) -> float:
        """The baseline of a label on `row` above the bands (0 the nearest)."""
        return self.band_top - 8 - ROW * row

    def below_y(self, row: int) -> float:
        """The baseline of a label on `row` below the bands (0 the nearest)."""
        return self.band_bottom + 20 + ROW * row

    bands: list[Band] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    unlabelled: int = 0
    start: date | None = None
    end: date | None = None


def timeline_picture(
    periods: Sequence[StatusPeriod],
    *,
    today: date,
    title: str = "",
    names: Mapping[str, str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Picture | None:
    """The geometry of a process's status periods between `start` and `end` (by default the
    whole history up to today); None when there is nothing to draw."""
    periods = sorted(periods, key=lambda p: (p.starts_on, p.sequence))
    if not periods:
        return None
    said = [e for p in periods for e in expectations(p) if e[0]]
    expected = sorted({on for on, _precision in said if on})
    scale = _scale(periods, expected, today, start, end)
    # Above the bands: the axis labels on row 0, today and expected resumptions on the rows
    # above it; below: the dates of the transitions.
    band_top = 6 + ROW * (1 + MARK_ROWS) + 4
    picture = Picture(
        title=title or _("Status over time"),
        width=WIDTH,
        height=0,
        band_top=band_top,
        band_bottom=band_top + BAND_HEIGHT,
        start=scale.start,
        end=scale.end,
    )
    above = Rows(1 + MARK_ROWS)
    # A month-precise expectation is marked at its 1st, labelled with its month (2016-05).
    months = {on for on, precision in said if precision == "month"}
    _mark(picture, scale, above, _marks(today, expected, months))
    _tick(picture, scale, above)
    below = Rows(LABEL_ROWS)
    _band(picture, scale, below, periods, names or {})
    picture.legend = _legend(picture)
    picture.height = int(picture.below_y(max(below.used, 1) - 1) + 8)
    return picture


def _scale(
    periods: list[StatusPeriod],
    expected: list[date],
    today: date,
    start: date | None,
    end: date | None,
) -> Scale:
    """The range drawn: the one chosen, else the whole history up to today, with a break
    for a stretch with nothing new longer than everything before it."""
    known = [p.starts_on for p in periods] + [p.ends_on for p in periods if p.ends_on] + expected
    last_news = max(known)
    chosen = start is not None or end is not None
    start = start or periods[0].starts_on
    end = end or max(today, last_news)
    span = max((last_news - start).days, 1)
    margin = timedelta(days=max(7, span // 12))
    gap = None
    if not chosen and end > after(last_news, margin) and (end - last_news).days > span:
        gap = (after(last_news, margin), end - timedelta(days=max(7, (end - start).days // 100)))
        if gap[1] <= gap[0]:
            gap = None
    elif not chosen:
        end = max(end, after(last_news, margin))
    if end <= start:
        end = after(start, timedelta(days=1))
    return Scale(start, end, gap)


def _marks(
    today: date, expected: list[date], months: set[date | None]
) -> list[tuple[str, date, str, str]]:
    """Today and each expected resumption: kind, day, label and hover text (`months`: the
    expectations that name a month, labelled with it)."""
    marks = [("today", today, _("today %(day)s") % {"day": label_day(today)}, _("Today"))]
    for day in expected:
        if day in months:  # labelled with the month as the axis names it
            label = _("expected back %(month)s") % {"month": label_day(day, "month")}
            hover = _("Expected to resume in %(month)s") % {"month": date_words(day, "month")}
        else:  # an ISO day, isolated left to right in Arabic
            label = _("expected back %(day)s") % {"day": label_day(day)}
            hover = _("Expected to resume on %(day)s") % {"day": date_words(day)}
        marks.append(("expected", day, label, hover))
    return marks


def _mark(
    picture: Picture, scale: Scale, above: Rows, marks: list[tuple[str, date, str, str]]
) -> None:
    """The marks in the range, each labelled on the first row above the axis with room."""
    for kind, day, text, hover in marks:
        if not scale.start <= day <= scale.end:
            continue
        x = scale.x(day)
        placed = above.place(x, text_width(text), first=1)
        label = None if placed is None else Label(x, picture.above_y(placed[0]), text, placed[1])
        top = label.y + 4 if label else picture.band_top - 4
        picture.marks.append(Mark(kind, x, top, label, hover))


def _tick(picture: Picture, scale: Scale, above: Rows) -> None:
    """The axis labels on row 0 (those that would touch a mark's line or label left out),
    and the break."""
    for piece_start, piece_end, x0, x1 in scale.drawn():
        for day, text in ticks(piece_start, piece_end):
            x = scale.x(day)
            if x0 <= x <= x1 and (placed := above.place(x, text_width(text) + 8, last=0)):
                picture.ticks.append(Label(x, picture.above_y(0), text, placed[1]))
    if scale.break_x is not None:
        picture.breaks.append(scale.break_x)


def _band(
    picture: Picture,
    scale: Scale,
    below: Rows,
    periods: list[StatusPeriod],
    names: Mapping[str, str],
) -> None:
    """A band per period in the range, and a line per transition, dated below the bands."""
    start, end = scale.start, scale.end
    ends = [start_precision(p) for p in periods[1:]] + ["day"]  # as the next begins
    for period, end_precision in zip(periods, ends, strict=True):
        period_end = period.ends_on or end
        if period_end < start or period.starts_on > end:
            continue
        x0, x1 = scale.x(period.starts_on), scale.x(period_end)
        hover = hover_text(period, names, end_precision)
        colour = status_colour(period.status)
        picture.bands.append(Band(period, x0, max(x1 - x0, 2), colour, hover, not period.ends_on))
        if period.from_status is None or period.starts_on < start:
            continue
        text = label_date(period.occurred_on, period.date_precision)
        placed = below.place(x0, text_width(text))
        label = None if placed is None else Label(x0, picture.below_y(placed[0]), text, placed[1])
        if label is None:
            picture.unlabelled += 1
        bottom = label.y - FONT_SIZE - 3 if label else picture.tick_bottom
        picture.transitions.append(Transition(x0, bottom, label, hover))


def _legend(picture: Picture) -> list[LegendEntry]:
    """A key for every band colour, the hatching of the ongoing period, the lines and the
    break actually drawn (a list under the picture, which wraps on a narrow screen)."""
    wanted: list[tuple[str, str, str]] = [
        ("status", _(STATUS_LABELS[s]), status_colour(s)) for s in Status
    ]
    if any(b.open_ended for b in picture.bands):
        wanted.append(("ongoing", _("Hatched: still going on, no end yet"), "#555"))
    kinds = {m.kind for m in picture.marks}
    if "today" in kinds:
        wanted.append(("today", _("Today"), TODAY_COLOUR))
    if "expected" in kinds:
        wanted.append(("expected", _("Expected to resume"), EXPECTED_COLOUR))
    if picture.breaks:
        wanted.append(("break", _("Axis break: a long stretch with nothing new"), "#666"))
    return [LegendEntry(kind, text, colour) for kind, text, colour in wanted]


class RangeOptions(TypedDict, total=False):
    """What the picture and its table show: the periods between `start` and `end`, as of
    `today`, with actors' `names`."""

    today: Required[date]
    names: Mapping[str, str] | None
    start: date | None
    end: date | None


class PictureOptions(RangeOptions, total=False):
    title: str


def status_bands_svg(
    periods: Sequence[StatusPeriod], *, table_id: str = "", **options: Unpack[PictureOptions]
) -> SafeString:
    """The inline SVG of `timeline_picture` in its sideways-scrolling frame (empty when there
    are no periods). `table_id` names the table that gives the same facts, for assistive
    technology."""
    picture = timeline_picture(periods, **options)
    if picture is None:
        return SafeString("")
    rtl = translation.get_language_bidi()
    return render_to_string(
        "negotiations/status_timeline.html",
        {
            "picture": _right_to_left(picture) if rtl else picture,
            "table_id": table_id,
            "rtl": rtl,
        },
    )


def _right_to_left(picture: Picture) -> Picture:
    """The picture read from right to left (Arabic): time runs leftwards, every x mirrored.
    The labels keep their anchors: the SVG's `direction="rtl"` reads `start` and `end` from
    the right, so a label still extends into the picture and keeps its room."""

    def mirrored(x: float) -> float:
        return picture.width - x

    for band in picture.bands:
        band.x = picture.width - band.x - band.width
    labels = [*picture.ticks]
    for transition in picture.transitions:
        transition.x = mirrored(transition.x)
    for mark in picture.marks:
        mark.x = mirrored(mark.x)
    labels += [t.label for t in picture.transitions if t.label is not None]
    labels += [m.label for m in picture.marks if m.label is not None]
    for label in labels:
        label.x = mirrored(label.x)
    picture.breaks = [mirrored(x) for x in picture.breaks]
    return picture


@dataclass
class PeriodRow:
    status: str
    starts_on: date
    ends_on: date | None
    expected: list[tuple[date | None, str]]  # `expectations`: the pause's own date, then
    causes: list[str]
    sequence: int
    starts_precision: str = "day"  # `start_precision`: a month-precise start reads as its month
    ends_precision: str = "day"

    @property
    def label(self) -> str:
        """The status in the reader's words."""
        label = STATUS_LABELS.get(self.status)
        return _(label) if label else self.status


def period_rows(
    periods: Sequence[StatusPeriod], **options: Unpack[RangeOptions]
) -> list[PeriodRow]:
    """The picture's facts as rows (the periods that overlap the range), for the table."""
    today, names = options["today"], options.get("names") or {}
    start, end = options.get("start"), options.get("end")
    rows = []
    ordered = sorted(periods, key=lambda p: (p.starts_on, p.sequence))
    for period, following in zip(ordered, [*ordered[1:], None], strict=True):
        if (start and (period.ends_on or today) < start) or (end and period.starts_on > end):
            continue
        rows.append(
            PeriodRow(
                status=period.status,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                expected=expectations(period),
                causes=causes_text(period.causes or (), names),
                sequence=period.sequence,
                starts_precision=start_precision(period),
                ends_precision=start_precision(following)
                if following and period.ends_on
                else "day",
            )
        )
    return rows
