"""What a browser shows of the status picture, measured on screen: the boxes of its text
labels and of its lines (getBoundingClientRect), for the legibility tests of the board's and
the admin's process pages."""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
MIN_LABEL_HEIGHT = 10  # CSS pixels

# Labels shorter than MIN_LABEL_HEIGHT, pairs of labels that overlap, and labels a line
# crosses (a vertical line's box has no width: it crosses a label whose box spans its x).
MEASURE = """(minHeight) => {
  const svg = document.querySelector('svg.status-timeline');
  const name = el => el.textContent.trim() || el.getAttribute('class') || el.tagName;
  const texts = [...svg.querySelectorAll('text')]
    .map(t => ({name: name(t), box: t.getBoundingClientRect()}));
  const lines = [...svg.querySelectorAll('line')]
    .map(l => ({name: l.closest('g') ? l.closest('g').getAttribute('class') : 'line',
                box: l.getBoundingClientRect()}));
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                         a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const crossed = (line, text) => line.left <= text.right - 0.5 && text.left + 0.5 <= line.right &&
                                  line.top < text.bottom - 0.5 && text.top < line.bottom - 0.5;
  const small = texts.filter(t => t.box.height < minHeight)
    .map(t => t.name + ' is ' + t.box.height.toFixed(1) + ' px tall');
  const overlaps = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    if (meet(a.box, b.box)) overlaps.push(a.name + ' / ' + b.name);
  }));
  const struck = [];
  lines.forEach(l => texts.forEach(t => {
    if (crossed(l.box, t.box)) struck.push(l.name + ' line through ' + t.name);
  }));
  const doc = document.documentElement;
  return {labels: texts.length, lines: lines.length, small, overlaps, struck,
          legend: [...document.querySelectorAll('.status-timeline-legend li')]
            .map(li => li.textContent.trim()),
          pageOverflow: doc.scrollWidth - doc.clientWidth};
}"""


def measure(page) -> dict:
    """The picture on the page as measured; asserts nothing."""
    return page.evaluate(MEASURE, MIN_LABEL_HEIGHT)


def assert_legible(page, where: str, *, ongoing: bool = True) -> dict:
    """Every label at least MIN_LABEL_HEIGHT tall, none overlapping another or crossed by a
    line, a legend for every status and (when drawn, `ongoing`) the ongoing band, and no
    sideways scroll of the page (the picture's own container may scroll)."""
    seen = measure(page)
    assert seen["labels"] > 4, (where, seen)
    assert seen["lines"] > 2, (where, seen)
    assert seen["small"] == [], (where, seen["small"])
    assert seen["overlaps"] == [], (where, seen["overlaps"])
    assert seen["struck"] == [], (where, seen["struck"])
    for status in ("Planned", "Active", "Paused", "Suspended", "Concluded", "Collapsed"):
        assert status in seen["legend"], (where, status, seen["legend"])
    explained = any("still going on" in text for text in seen["legend"])
    assert explained == ongoing, (where, seen["legend"])
    assert seen["pageOverflow"] == 0, (where, seen["pageOverflow"])
    return seen


# Which ends of the picture its container shows: the latest (today; the right end in a
# left-to-right page, the left end in Arabic, where time runs leftwards) and the earliest.
ENDS = """() => {
  const box = document.querySelector('.status-timeline-scroll');
  const picture = box.querySelector('svg.status-timeline').getBoundingClientRect();
  const shown = box.getBoundingClientRect();
  const rtl = getComputedStyle(box).direction === 'rtl';
  const inside = x => x >= shown.left - 1 && x <= shown.right + 1;
  return {overflow: box.scrollWidth - box.clientWidth, scrolled: box.scrollLeft,
          picture: [picture.left, picture.right], shown: [shown.left, shown.right],
          latest: inside(rtl ? picture.left : picture.right),
          earliest: inside(rtl ? picture.right : picture.left)};
}"""
# The container scrolled as far as it goes towards the earliest end: the other way from where
# it opened, whichever sign its scroll position takes there.
TO_THE_EARLIEST = """() => {
  const box = document.querySelector('.status-timeline-scroll');
  const opened = box.scrollLeft;
  box.scrollLeft = opened - box.scrollWidth;
  if (box.scrollLeft === opened) box.scrollLeft = opened + box.scrollWidth;
  return opened;
}"""


def assert_opens_at_today(page, where: str) -> None:
    """The picture opens at its latest end (a phone showed 2016 first, today off screen: an
    Arabic reader's outside test), and its container still scrolls back to its earliest."""
    seen = page.evaluate(ENDS)
    assert seen["latest"], (where, seen)
    if seen["overflow"] <= 0:  # all of it shown
        assert seen["earliest"], (where, seen)
        return
    assert not seen["earliest"], (where, seen)
    opened = page.evaluate(TO_THE_EARLIEST)
    back = page.evaluate(ENDS)
    assert back["earliest"], (where, back)
    assert not back["latest"], (where, back)
    page.locator(".status-timeline-scroll").evaluate("(box, x) => { box.scrollLeft = x; }", opened)
