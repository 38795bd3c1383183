"""The status picture's axis: its size, world dates to x (with a break for a long quiet
stretch), the ticks on it, and rows that place labels without overlaps."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from django.utils.translation import pgettext_lazy

# The picture is drawn at its own size, in CSS pixels, and scrolls sideways in its container
# where the screen is narrower (a phone): its labels are never shrunk below FONT_SIZE.
WIDTH, LEFT, RIGHT = 960, 20, 20
FONT_SIZE = 12
ROW = 18  # one row of labels
BREAK_WIDTH = 28  # an axis break stands for a long stretch with nothing new
TAIL_WIDTH = 70  # the stretch just before today, beyond a break
LINE_ROOM = 3  # the room a leader line takes in the rows it crosses, either side of it

# Advance widths of DejaVu Sans (Debian's sans-serif, one of the widest) in ems: label widths
# are estimated from them, on the generous side, so that labels placed apart stay apart.
_NARROW, _WIDE = set(" .,:;!|'()-/ijlrtf1"), set("MWmw@%")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.4
        elif char in _WIDE or unicodedata.east_asian_width(char) in "WF":  # CJK: a full em
            ems += 1.0
        elif char.isupper():
            ems += 0.75
        else:
            ems += 0.65
    return ems * size + 4


class Scale:
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


# An axis month and its year, as each language abbreviates its months (French "janv.",
# "févr.", "juil."; Spanish "ene."; Arabic writes the month whole, Chinese "2016年2月"):
# Django's abbreviations are the AP style's, "fév." and "Ene." beside "junio".
AXIS_MONTHS = (
    pgettext_lazy("a month on the picture's axis", "Jan %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Feb %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Mar %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Apr %(year)s"),
    pgettext_lazy("a month on the picture's axis", "May %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Jun %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Jul %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Aug %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Sep %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Oct %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Nov %(year)s"),
    pgettext_lazy("a month on the picture's axis", "Dec %(year)s"),
)


def axis_month(day: date) -> str:
    """An axis month in the reader's language ("Feb 2016", "févr. 2016", "2016年2月")."""
    return str(AXIS_MONTHS[day.month - 1]) % {"year": day.year}


def ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Year starts on a long piece, month starts on a short one (the rows leave out those
    that would touch another label)."""
    days = max((last - first).days, 1)
    if days > 3 * 365:
        return [(date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]
    ticks: list[tuple[date, str]] = []
    day = date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            ticks.append((day, axis_month(day)))
        if (day.year, day.month) == (date.max.year, 12):
            break  # the calendar's last month: no month after it
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return ticks


def after(day: date, delta: timedelta) -> date:
    """`day + delta`, or the calendar's last day where that would pass it (a stored date near
    9999-12-31 is drawn, never a 500)."""
    return day + delta if date.max - day > delta else date.max


class Rows:
    """Rows of labels on one side of the bands, row 0 nearest them. A label goes on the
    nearest row where it overlaps nothing and its leader line (from the bands to the label)
    crosses no label of a nearer row; that line then keeps later labels of those rows off it.
    None when no row has room: the label is left out (the table has every date)."""

    def __init__(self, count: int) -> None:
        self.taken: list[list[tuple[float, float]]] = [[] for _ in range(count)]

    @property
    def used(self) -> int:
        return sum(1 for row in self.taken if row)

    @staticmethod
    def _free(spans: list[tuple[float, float]], left: float, right: float) -> bool:
        return all(right < a or left > b for a, b in spans)

    def place(
        self, x: float, width: float, *, first: int = 0, last: int | None = None
    ) -> tuple[int, str] | None:
        """The row and the text anchor of a label at x, kept inside the picture."""
        if x + width / 2 > WIDTH - 2:
            left, right, anchor = x - width, x, "end"
        elif x - width / 2 < 2:
            left, right, anchor = x, x + width, "start"
        else:
            left, right, anchor = x - width / 2, x + width / 2, "middle"
        line = (x - LINE_ROOM, x + LINE_ROOM)
        last = len(self.taken) - 1 if last is None else last
        for row in range(first, last + 1):
            if not all(self._free(self.taken[r], *line) for r in range(row)):
                return None  # the line would cross a label nearer the bands
            if self._free(self.taken[row], left, right):
                for r in range(row):
                    self.taken[r].append(line)
                self.taken[row].append((left, right))
                return row, anchor
        return None
