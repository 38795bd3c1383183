"""The timeline picture of a process: its status periods as coloured bands on a date axis.

Drawn on the server as inline SVG (no script, nothing fetched from elsewhere). Every piece of
user text (causes, actor slugs) is escaped; each band's <title> is its hover text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .domain.vocabulary import CAUSE_CATEGORIES, Status
from .models import StatusPeriod

STATUS_COLOURS: dict[str, str] = {
    Status.PLANNED: "#9e9e9e",
    Status.ACTIVE: "#2e7d32",
    Status.PAUSED: "#f9a825",
    Status.SUSPENDED: "#ef6c00",
    Status.CONCLUDED: "#1565c0",
    Status.COLLAPSED: "#c62828",
}

WIDTH, LEFT, RIGHT = 960, 20, 20
BAND_TOP, BAND_HEIGHT = 34, 36
HEIGHT = 150
LABEL_ROWS, LABEL_WIDTH = 3, 66


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "#607d8b")


def _causes_text(causes: list[dict], names: dict[str, str]) -> str:
    lines = []
    for cause in causes:
        category = CAUSE_CATEGORIES.get(cause.get("category", ""), cause.get("category", ""))
        who = names.get(cause.get("stated_by", ""), cause.get("stated_by", ""))
        lines.append(f"• {category}: {cause.get('description', '')} ({who})")
    return "\n".join(lines)


def _hover(period: StatusPeriod, end: date | None, names: dict[str, str]) -> str:
    until = end.isoformat() if end else _("now")
    text = _("%(status)s from %(start)s to %(end)s") % {
        "status": period.status.capitalize(),
        "start": period.starts_on.isoformat(),
        "end": until,
    }
    if period.expected_resumption_on:
        text += "\n" + _("Expected to resume on %(day)s") % {
            "day": period.expected_resumption_on.isoformat()
        }
    if period.causes:
        text += "\n" + _("Stated causes:") + "\n" + _causes_text(period.causes, names)
    return text


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Month starts on a short axis, year starts on a long one."""
    ticks: list[tuple[date, str]] = []
    if (end - start).days > 3 * 365:
        for year in range(start.year + 1, end.year + 1):
            ticks.append((date(year, 1, 1), str(year)))
        return ticks
    day = date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            ticks.append((day, day.strftime("%b %Y")))
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    step = max(1, len(ticks) // 12)
    return ticks[::step]


def status_bands_svg(
    periods: Sequence[StatusPeriod], *, title: str = "", names: dict[str, str] | None = None
) -> SafeString:
    """The SVG for a process's status periods (in world order); `names` maps actor slugs to
    the names the hover text shows."""
    names = names or {}
    periods = sorted(periods, key=lambda p: (p.starts_on, p.sequence))
    if not periods:
        return mark_safe("")
    first = periods[0].starts_on
    known = [p.starts_on for p in periods] + [p.ends_on for p in periods if p.ends_on]
    known += [p.expected_resumption_on for p in periods if p.expected_resumption_on]
    last = max(known)
    # The current period is open-ended: draw it a little past the last date anything names.
    span = max((last - first).days, 1)
    axis_end = last + timedelta(days=max(7, span // 12))
    days = (axis_end - first).days

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / days

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="status-timeline" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-label="{escape(title or _("Status over time"))}">',
        f"<title>{escape(title or _('Status over time'))}</title>",
    ]
    for day, label in _ticks(first, axis_end):
        out.append(
            f'<line class="tick" x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{BAND_TOP - 4}" '
            f'y2="{BAND_TOP + BAND_HEIGHT + 4}" stroke="#ccc"/>'
            f'<text x="{x(day):.1f}" y="{BAND_TOP - 8}" font-size="10" fill="#666" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    label_rows = [float("-inf")] * LABEL_ROWS  # where the last label of each row ends
    for period in periods:
        end = period.ends_on
        x0, x1 = x(period.starts_on), x(end or axis_end)
        colour = status_colour(period.status)
        out.append(
            f'<g class="band band-{escape(period.status)}" data-sequence="{period.sequence}">'
            f"<title>{escape(_hover(period, end, names))}</title>"
            f'<rect x="{x0:.1f}" y="{BAND_TOP}" width="{max(x1 - x0, 2):.1f}" '
            f'height="{BAND_HEIGHT}" fill="{colour}"'
            + ("" if end else ' fill-opacity="0.75"')
            + "/></g>"
        )
        if period.from_status is not None:
            # A transition: a marker at its date, its label on the first row where it fits.
            row = next(
                (r for r, end_x in enumerate(label_rows) if x0 - LABEL_WIDTH / 2 > end_x),
                min(range(LABEL_ROWS), key=label_rows.__getitem__),
            )
            label_rows[row] = x0 + LABEL_WIDTH / 2
            label_y = BAND_TOP + BAND_HEIGHT + 18 + 14 * row
            out.append(
                f'<g class="transition"><title>{escape(_hover(period, end, names))}</title>'
                f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="{BAND_TOP - 2}" '
                f'y2="{label_y - 10}" stroke="#333" stroke-width="1.5"/>'
                f'<text x="{x0:.1f}" y="{label_y}" font-size="11" fill="#333" '
                f'text-anchor="middle">{escape(period.occurred_on.isoformat())}</text></g>'
            )
    legend_x = LEFT
    for status in Status:
        out.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 16}" width="12" height="12" '
            f'fill="{status_colour(status)}"/>'
            f'<text x="{legend_x + 16}" y="{HEIGHT - 6}" font-size="11" fill="#333">'
            f"{escape(status.capitalize())}</text>"
        )
        legend_x += 100
    out.append("</svg>")
    # Safe: every piece of text interpolated above went through escape().
    return mark_safe("".join(out))
