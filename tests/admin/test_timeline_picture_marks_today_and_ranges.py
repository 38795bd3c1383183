"""The timeline picture on the process page: today and expected resumptions marked, a long
quiet stretch drawn as an axis break, a range to look at (last 12 months, all, chosen dates),
labels that never overlap, and the same facts in a table."""

from __future__ import annotations

import re
from datetime import date, timedelta

from negotiations.presentation.timeline_svg import timeline_picture
from negotiations.read.selectors import today
from tests.admin.conftest import page_url
from tests.factories import crowded_history


def svg_of(page: str) -> str:
    return re.search(r"<svg [^>]*status-timeline.*?</svg>", page, re.S).group(0)


def table_of(page: str) -> str:
    return re.search(r'<table class="status-table".*?</table>', page, re.S).group(0)


def test_whole_history_marks_today_and_the_expected_resumption(geneva, editor_client):
    page = editor_client.get(page_url(geneva)).content.decode()
    svg = svg_of(page)

    assert f"today {today().isoformat()}" in svg
    assert "expected back 2016-02-25" in svg
    # Suspended in 2016 and nothing since: that stretch is a break, not most of the width.
    assert 'class="axis-break"' in svg
    assert f'data-end="{today().isoformat()}"' in svg
    table = table_of(page)
    assert table.count('<tr class="period-') == geneva.periods.count()
    assert "Ban Ki-moon" in table
    assert "2016-02-25" in table


def test_last_12_months_shows_only_what_overlaps_them(geneva, editor_client):
    page = editor_client.get(page_url(geneva), {"range": "12m"}).content.decode()
    svg = svg_of(page)

    assert f'data-start="{(today() - timedelta(days=365)).isoformat()}"' in svg
    assert 'class="transition-label"' not in svg  # every change was in 2016
    assert "mark-today" in svg
    table = table_of(page)
    assert table.count('<tr class="period-') == 1
    assert "period-suspended" in table


def test_chosen_dates_zoom_on_the_geneva_february(geneva, editor_client):
    query = {"range": "dates", "from": "2016-01-25", "to": "2016-03-01"}
    page = editor_client.get(page_url(geneva), query).content.decode()
    svg = svg_of(page)

    assert 'data-start="2016-01-25"' in svg
    assert 'data-end="2016-03-01"' in svg
    assert "mark-today" not in svg
    assert "axis-break" not in svg
    assert "expected back 2016-02-25" in svg
    labels = re.findall(r'class="transition-label"[^>]*>([^<]+)<', svg)
    assert "2016-02-01" in labels
    assert "2016-02-03" in labels
    assert all("2016-04" not in label for label in labels)
    assert 'value="2016-01-25"' in page  # the form keeps the chosen dates


def test_a_bad_range_says_so_and_shows_everything(geneva, editor_client):
    query = {"range": "dates", "from": "2016-03-01", "to": "2016-01-01"}
    page = editor_client.get(page_url(geneva), query).content.decode()

    assert "The range ends before it starts" in page
    assert 'class="axis-break"' in svg_of(page)


def test_labels_never_overlap_however_crowded(db):
    # A pause or a resumption every day: 40 transitions in a few weeks.
    picture = timeline_picture(crowded_history(40, every=1, back_after=1), today=date(2020, 3, 1))

    def box(label, width):
        left = {"middle": label.x - width / 2, "end": label.x - width, "start": label.x}
        return left[label.anchor], left[label.anchor] + width, label.y

    boxes = [box(t.label, 60) for t in picture.transitions if t.label]
    boxes += [box(m.label, len(m.label.text) * 5.5) for m in picture.marks if m.label]
    for i, (a0, a1, ay) in enumerate(boxes):
        for b0, b1, by in boxes[i + 1 :]:
            assert ay != by or a1 < b0 or b1 < a0, ((a0, a1, ay), (b0, b1, by))
    # What has no room for a label is still drawn, and counted for the table.
    assert len(picture.transitions) == 40
    assert picture.unlabelled == sum(1 for t in picture.transitions if t.label is None) > 0


def test_month_ticks_and_marks_read_as_each_language_writes_them():
    """Chinese has no month abbreviations: its axis said "二月 2016" (a month's name, then a
    Western year) where it writes "2016年2月"; an Arabic month-precise mark ("2016-05") was
    not isolated, and read 05-2016 (a review of composed sentences)."""
    from django.utils import translation

    from negotiations.presentation.picture_axis import ticks
    from negotiations.presentation.timeline_svg import _marks

    with translation.override("zh-hans"):
        assert [label for _, label in ticks(date(2016, 1, 10), date(2016, 4, 1))] == [
            "2016年2月",
            "2016年3月",
            "2016年4月",
        ]
    # Each language's own abbreviations, not Django's AP style ("fév.", and "Ene." in
    # capitals beside "junio" on one Spanish axis; a second review of composed sentences).
    spring = (date(2016, 1, 10), date(2016, 7, 15))
    with translation.override("fr"):
        assert [label for _, label in ticks(*spring)][:1] == ["févr. 2016"]
    with translation.override("es"):
        said = [label for _, label in ticks(*spring)]
    assert said == ["feb. 2016", "mar. 2016", "abr. 2016", "may. 2016", "jun. 2016", "jul. 2016"]
    # A month-precise mark names its month as the axis does, in each language (it said
    # "2016-05", isolated left to right in Arabic; a day still is, ISO for its width).
    may, june = date(2016, 5, 1), date(2016, 6, 1)
    said = {}
    for language in ("ar", "ru", "fr", "zh-hans"):
        with translation.override(language):
            (today, (_, _, said[language], _)) = _marks(june, [may], {may})
            # A day keeps ISO, isolated left to right where the page reads right to left.
            isolated = "\u20662016-06-01\u2069" if language == "ar" else "2016-06-01"
            assert isolated in today[2], today
    assert said["ar"] == "الاستئناف مايو 2016"
    assert said["ru"] == "возобновление: май 2016"
    assert said["fr"] == "reprise mai 2016"
    assert said["zh-hans"] == "预计恢复 2016年5月"
