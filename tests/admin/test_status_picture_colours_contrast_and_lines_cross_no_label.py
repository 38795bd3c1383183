"""The status picture's colours and geometry, without a browser: every status colour keeps a
3:1 contrast against the white background (non-text contrast), Paused and Suspended differ
in hue and not only in shade, and however crowded the history no leader line (a transition's
or a mark's) runs through another label."""

from __future__ import annotations

import colorsys
from datetime import date

from negotiations.domain.vocabulary import Status
from negotiations.presentation.timeline_svg import (
    FONT_SIZE,
    STATUS_COLOURS,
    text_width,
    timeline_picture,
)
from tests.factories import crowded_history


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def hue(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return colorsys.rgb_to_hls(*rgb)[0] * 360


def test_every_status_colour_stands_out_from_the_white_background():
    assert set(STATUS_COLOURS) == set(Status)
    for status, colour in STATUS_COLOURS.items():
        assert contrast_on_white(colour) >= 3, (status, colour, contrast_on_white(colour))


def test_paused_and_suspended_differ_in_hue():
    paused, suspended = hue(STATUS_COLOURS[Status.PAUSED]), hue(STATUS_COLOURS[Status.SUSPENDED])
    apart = min(abs(paused - suspended), 360 - abs(paused - suspended))
    assert apart >= 90, (paused, suspended)


def test_no_leader_line_runs_through_a_label_however_crowded(db):
    # A pause or a resumption every other day, each pause expecting a resumption 3 days on.
    picture = timeline_picture(crowded_history(30, every=2, back_after=3), today=date(2020, 3, 15))

    def box(label):
        width = text_width(label.text)
        left = {"middle": label.x - width / 2, "end": label.x - width, "start": label.x}
        left_x = left[label.anchor]
        return left_x, left_x + width, label.y - FONT_SIZE, label.y + 3

    labels = [t.label for t in picture.transitions if t.label]
    labels += [m.label for m in picture.marks if m.label] + picture.ticks
    lines = [(t.x, picture.band_top, t.line_bottom) for t in picture.transitions]
    lines += [(m.x, m.top, picture.band_bottom) for m in picture.marks]
    assert len([t for t in picture.transitions if t.label]) > 5
    for x, top, bottom in lines:
        for label in labels:
            left, right, label_top, label_bottom = box(label)
            crosses = left < x < right and top < label_bottom and label_top < bottom
            assert not crosses, (x, top, bottom, label)
