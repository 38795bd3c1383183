"""The admin's status badges carry no style attribute (the Content-Security-Policy refuses
them): their colours are in a stylesheet, the same as the status picture's."""

from __future__ import annotations

import re
from pathlib import Path

from negotiations.admin.views import status_badge
from negotiations.presentation.timeline_svg import STATUS_COLOURS

CSS = Path(__file__).resolve().parents[2] / "negotiations/static/negotiations/status-badge.css"


def test_each_status_has_the_picture_s_colour_in_the_stylesheet():
    css = CSS.read_text()
    for status, colour in STATUS_COLOURS.items():
        rule = re.search(rf"\.status-badge\.status-{status} \{{([^}}]*)\}}", css)
        assert rule, status
        assert f"background: {colour};" in rule.group(1), status


def test_a_badge_is_a_class_not_a_style():
    badge = str(status_badge("paused"))
    assert badge == '<span class="status-badge status-paused">Paused</span>'
