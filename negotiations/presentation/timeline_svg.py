"""The timeline picture of a process: its status periods as coloured bands on a date axis,
with today and expected resumptions marked, over a range the reader picks.

The geometry is computed here; `negotiations/status_timeline.svg` draws it (autoescaped, like
every template) and `negotiations/status_table.html` gives the same facts as a table for
keyboards and screen readers. Nothing is fetched and no script runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Required, TypedDict, Unpack

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import CAUSE_CATEGORIES, Status
from negotiations.read.models import StatusPeriod

STATUS_COLOURS: dict[str, str] = {
    Status.PLANNED: "#9e9e9e",
    Status.ACTIVE: "#2e7d32",
    Status.PAUSED: "#f9a825",
    Status.SUSPENDED: "#ef6c00",
    Status.CONCLUDED: "#1565c0",
    Status.COLLAPSED: "#c62828",
}

WIDTH, LEFT, RIGHT = 960, 20, 20
MARK_TOP = 14  # labels of today and of expected resumptions, on rows going down from here
ROW = 14
LABEL_ROWS = 4  # rows for transition labels below the bands; a label that fits none is left out
DATE_LABEL_WIDTH = 64  # an ISO date at font-size 11, with a little air
BAND_HEIGHT = 36
BREAK_WIDTH = 28  # an axis break stands for a long stretch with nothing new
TAIL_WIDTH = 70  # the stretch just before today, beyond a break


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "#607d8b")


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
class Picture:
    title: str
    width: int
    height: int
    band_top: float
    band_bottom: float
    band_height: float = BAND_HEIGHT

    @property
    def tick_top(self) -> float:
        return self.band_top - 3

    @property
    def tick_bottom(self) -> float:
        return self.band_bottom + 4

    bands: list[Band] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)
    legend: list[tuple[float, str, str]] = field(default_factory=list)
    legend_y: float = 0
    unlabelled: int = 0
    start: date | None = None
    end: date | None = None


class _Scale:
    """World dates to x, piecewise linear: a stretch where nothing happens for a long time (a
    concluded process years ago) is drawn as a narrow axis break instead of most of the width.
    """

    def __init__(self, start: date, end: date, gap: tuple[date, date] | None) -> None:
        self.start, self.end, self.gap = start, end, gap
        right = WIDTH - RIGHT
        if gap is None:
            self.pieces = [(start, end, LEFT, right)]
        else:
            before = right - TAIL_WIDTH - BREAK_WIDTH
            self.pieces = [
                (start, gap[0], LEFT, before),
                (gap[0], gap[1], before, before + BREAK_WIDTH),
                (gap[1], end, before + BREAK_WIDTH, right),
            ]

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end)
        for first, last, x0, x1 in self.pieces:
            if day <= last:
                days = max((last - first).days, 1)
                return x0 + (x1 - x0) * (day - first).days / days
        return WIDTH - RIGHT  # pragma: no cover - day is clamped to the end

    @property
    def break_x(self) -> float | None:
        return self.pieces[1][2] + BREAK_WIDTH / 2 if self.gap else None

    def drawn(self) -> list[tuple[date, date, float, float]]:
        """The pieces drawn at scale (the break has no ticks)."""
        return [p for i, p in enumerate(self.pieces) if not (self.gap and i == 1)]


def _causes_text(causes: Iterable[dict[str, Any]], names: Mapping[str, str]) -> list[str]:
    lines = []
    for cause in causes:
        category = CAUSE_CATEGORIES.get(cause.get("category", ""), cause.get("category", ""))
        who = names.get(cause.get("stated_by", ""), cause.get("stated_by", ""))
        lines.append(f"{category}: {cause.get('description', '')} ({who})")
    return lines


def _hover(period: StatusPeriod, names: Mapping[str, str]) -> str:
    text = _("%(status)s from %(start)s to %(end)s") % {
        "status": period.status.capitalize(),
        "start": period.starts_on.isoformat(),
        "end": period.ends_on.isoformat() if period.ends_on else _("now"),
    }
    if period.expected_resumption_on:
        text += "\n" + _("Expected to resume on %(day)s") % {
            "day": period.expected_resumption_on.isoformat()
        }
    causes = _causes_text(period.causes or (), names)
    if causes:
        text += "\n" + _("Stated causes:") + "\n" + "\n".join(f"• {c}" for c in causes)
    return text


def _ticks(first: date, last: date, x0: float, x1: float) -> list[tuple[date, str]]:
    """Year starts on a long piece, month starts on a short one; never closer than a label."""
    days = max((last - first).days, 1)
    per_day = (x1 - x0) / days
    ticks: list[tuple[date, str]] = []
    if days > 3 * 365:
        ticks = [(date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]
    else:
        day = date(first.year, first.month, 1)
        while day <= last:
            if day >= first:
                ticks.append((day, day.strftime("%b %Y")))
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    if len(ticks) > 1:
        gap = per_day * min((b[0] - a[0]).days for a, b in zip(ticks, ticks[1:], strict=False))
        step = max(1, int(DATE_LABEL_WIDTH // max(gap, 1)) + 1)
        ticks = ticks[::step]
    return ticks


class _Rows:
    """Labels placed on the first row where they overlap nothing; None when no row is free."""

    def __init__(self, count: int) -> None:
        self.taken: list[list[tuple[float, float]]] = [[] for _ in range(count)]

    @property
    def used(self) -> int:
        return sum(1 for row in self.taken if row)

    def place(self, x: float, width: float) -> tuple[int, str] | None:
        """The row and the text anchor of a label at x, kept inside the picture."""
        if x + width / 2 > WIDTH:
            left, right, anchor = x - width, x, "end"
        elif x - width / 2 < 0:
            left, right, anchor = x, x + width, "start"
        else:
            left, right, anchor = x - width / 2, x + width / 2, "middle"
        for row, spans in enumerate(self.taken):
            if all(right < a or left > b for a, b in spans):
                spans.append((left, right))
                return row, anchor
        return None


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
    names = names or {}
    periods = sorted(periods, key=lambda p: (p.starts_on, p.sequence))
    if not periods:
        return None
    expected = [p.expected_resumption_on for p in periods if p.expected_resumption_on]
    known = [p.starts_on for p in periods] + [p.ends_on for p in periods if p.ends_on] + expected
    last_news = max(known)
    chosen = start is not None or end is not None
    start = start or periods[0].starts_on
    end = end or max(today, last_news)
    span = max((last_news - start).days, 1)
    margin = timedelta(days=max(7, span // 12))
    gap = None
    if not chosen and end > last_news + margin and (end - last_news).days > span:
        # Nothing new for longer than everything before it: draw that stretch as a break.
        gap = (last_news + margin, end - timedelta(days=max(7, (end - start).days // 100)))
        if gap[1] <= gap[0]:
            gap = None
    elif not chosen:
        end = max(end, last_news + margin)
    if end <= start:
        end = start + timedelta(days=1)
    scale = _Scale(start, end, gap)

    marks_rows = _Rows(2)
    band_top = MARK_TOP + 2 * ROW + 14
    picture = Picture(
        title=title or _("Status over time"),
        width=WIDTH,
        height=0,
        band_top=band_top,
        band_bottom=band_top + BAND_HEIGHT,
        start=start,
        end=end,
    )
    for piece_start, piece_end, x0, x1 in scale.drawn():
        for day, text in _ticks(piece_start, piece_end, x0, x1):
            x = scale.x(day)
            picture.ticks.append(Label(x, band_top - 6, text, "start" if x < 40 else "middle"))
    if scale.break_x is not None:
        picture.breaks.append(scale.break_x)

    def mark(kind: str, day: date, text: str, hover: str) -> None:
        if not start <= day <= end:
            return
        x = scale.x(day)
        placed = marks_rows.place(x, len(text) * 6 + 6)
        label = None if placed is None else Label(x, MARK_TOP + ROW * placed[0], text, placed[1])
        top = label.y + 3 if label else band_top - 8
        picture.marks.append(Mark(kind, x, top, label, hover))

    rows = _Rows(LABEL_ROWS)
    for period in periods:
        period_end = period.ends_on or end
        if period_end < start or period.starts_on > end:
            continue
        x0, x1 = scale.x(period.starts_on), scale.x(period_end)
        hover = _hover(period, names)
        picture.bands.append(
            Band(
                period, x0, max(x1 - x0, 2), status_colour(period.status), hover, not period.ends_on
            )
        )
        if period.from_status is not None and period.starts_on >= start:
            placed = rows.place(x0, DATE_LABEL_WIDTH)
            label_y = picture.band_bottom + 18 + ROW * (placed[0] if placed else 0)
            label = None
            if placed is not None:
                label = Label(x0, label_y, period.occurred_on.isoformat(), placed[1])
            if label is None:
                picture.unlabelled += 1
            bottom = label_y - 10 if label else picture.band_bottom + 4
            picture.transitions.append(Transition(x0, bottom, label, hover))
        if period.expected_resumption_on:
            day = period.expected_resumption_on
            mark(
                "expected",
                day,
                _("expected back %(day)s") % {"day": day.isoformat()},
                _("Expected to resume on %(day)s") % {"day": day.isoformat()},
            )
    mark("today", today, _("today %(day)s") % {"day": today.isoformat()}, _("Today"))

    legend_y = picture.band_bottom + 18 + ROW * max(rows.used, 1) + 6
    picture.legend = [
        (LEFT + 100 * i, status_colour(s), s.capitalize()) for i, s in enumerate(Status)
    ]
    picture.legend_y = legend_y
    picture.height = int(legend_y + 16)
    return picture


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
    """The inline SVG of `timeline_picture` (empty when there are no periods). `table_id`
    names the table that gives the same facts, for assistive technology."""
    picture = timeline_picture(periods, **options)
    if picture is None:
        return SafeString("")
    return render_to_string(
        "negotiations/status_timeline.svg", {"picture": picture, "table_id": table_id}
    )


@dataclass
class PeriodRow:
    status: str
    starts_on: date
    ends_on: date | None
    expected_resumption_on: date | None
    causes: list[str]
    sequence: int


def period_rows(
    periods: Sequence[StatusPeriod], **options: Unpack[RangeOptions]
) -> list[PeriodRow]:
    """The picture's facts as rows (the periods that overlap the range), for the table."""
    today, names = options["today"], options.get("names") or {}
    start, end = options.get("start"), options.get("end")
    rows = []
    for period in sorted(periods, key=lambda p: (p.starts_on, p.sequence)):
        if (start and (period.ends_on or today) < start) or (end and period.starts_on > end):
            continue
        rows.append(
            PeriodRow(
                status=period.status,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                expected_resumption_on=period.expected_resumption_on,
                causes=_causes_text(period.causes or (), names),
                sequence=period.sequence,
            )
        )
    return rows
