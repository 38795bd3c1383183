"""Every status badge's text keeps WCAG's 4.5:1 against the badge's colour (axe
`color-contrast`, serious): the colours are the status picture's, so the text is black on
the light ones and white on the dark ones."""

from __future__ import annotations

import re

from negotiations.presentation.timeline_svg import STATUS_COLOURS
from tests.admin.test_status_badges_are_coloured_by_a_stylesheet import CSS


def luminance(colour: str) -> float:
    hex_ = colour.strip().lstrip("#")
    if len(hex_) == 3:
        hex_ = "".join(c * 2 for c in hex_)
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def declarations(selector: str) -> dict[str, str]:
    rule = re.search(rf"{re.escape(selector)} \{{([^}}]*)\}}", CSS.read_text())
    assert rule, selector
    return dict(re.findall(r"([\w-]+):\s*([^;]+);", rule.group(1)))


def test_each_badge_s_text_has_4_5_to_1_on_its_colour():
    base = declarations(".status-badge")
    badges = {"(no status)": base}
    for status in STATUS_COLOURS:
        badges[status] = {**base, **declarations(f".status-badge.status-{status}")}
    ratios = {name: contrast(d["color"], d["background"]) for name, d in badges.items()}
    assert all(r >= 4.5 for r in ratios.values()), ratios
