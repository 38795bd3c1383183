"""A reader in Arabic, on a laptop (1366 x 768) and on a phone (390 x 844): the board and the
Geneva page are `dir="rtl"` and mirrored (the navigation starts on the right, the text is
aligned to the right), nothing scrolls sideways, and the status picture runs from right to
left with every label legible, none overlapping another or crossed by a line. The Arabic and
the Chinese pages pass the further checks the English ones pass
(tests/admin/test_browser_admin_and_board_pass_axe_s_serious_checks.py); axe-core itself runs
on them, at both widths, in tests/board/test_browser_axe_finds_no_serious_violation.py. Saves
board-phone-ar.png under var/screenshots/ (the README's copy in docs/ only by
`make docs-screenshots`).

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser."""

from __future__ import annotations

import pytest

from tests.admin.browser import browser_page, save_screenshot
from tests.admin.test_browser_admin_and_board_pass_axe_s_serious_checks import (
    CONTRAST_JS,
    FOCUS_CONTRASTS,
    assert_page_passes,
    watch_console,
)

from . import test_browser_axe_finds_no_serious_violation as axe_test
from .picture_on_screen import LAPTOP, PHONE, assert_opens_at_today, measure

GENEVA = "processes/intra-syrian-talks-geneva/"
ARABIC_STATUSES = ("مقررة", "جارية", "متوقفة مؤقتاً", "معلّقة", "مختتمة", "منهارة")

LAYOUT = """() => {
  const doc = document.documentElement;
  const items = [...document.querySelectorAll('header.site nav[aria-label] li')];
  const heading = document.querySelector('#summary-heading') || document.querySelector('h1');
  const words = document.createRange();
  words.selectNodeContents(heading);
  const title = document.querySelector('h1');
  const titleWords = document.createRange();
  titleWords.selectNodeContents(title);
  const bands = [...document.querySelectorAll('svg.status-timeline g.band rect:first-of-type')]
    .map(r => r.getBoundingClientRect());
  return {
    dir: doc.dir, lang: doc.lang, direction: getComputedStyle(doc).direction,
    overflow: doc.scrollWidth - doc.clientWidth,
    firstNavRight: items[0].getBoundingClientRect().right,
    secondNavRight: items[1].getBoundingClientRect().right,
    headingWordsRight: words.getBoundingClientRect().right,
    headingRight: heading.getBoundingClientRect().right,
    titleWordsRight: titleWords.getBoundingClientRect().right,
    // The most lines a date of the list takes ("12 / نوفمبر، / 2016" broke over three).
    dateLines: Math.max(0, ...[...document.querySelectorAll('td.date')].map(td => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    })),
    titleRight: title.getBoundingClientRect().right,
    firstBandLeft: bands.length ? bands[0].left : null,
    lastBandLeft: bands.length ? bands[bands.length - 1].left : null,
  };
}"""


# Where on the screen the first occurrence of each name is drawn: its line, its right edge.
NAMES_ON_SCREEN = """(names) => names.map(name => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(name);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + name.length);
      const box = range.getClientRects()[0];  // where the name begins, if it wraps
      return [Math.round(box.top), box.right];
    }
  }
  return null;
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_arabic_board_is_mirrored_and_fits(geneva, live_server, monkeypatch, viewport):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page(viewport) as page:
        page.goto(live_server.url + "/ar/")
        seen = page.evaluate(LAYOUT)
        assert (seen["dir"], seen["lang"], seen["direction"]) == ("rtl", "ar", "rtl")
        assert seen["overflow"] == 0, seen
        # The first item of the navigation is on the right, the next one to its left.
        assert seen["firstNavRight"] > seen["secondNavRight"], seen
        assert page.locator("h1").inner_text() == "أين تقف كل عملية سلام"
        assert seen["dateLines"] == 1, seen
        assert abs(seen["headingWordsRight"] - seen["headingRight"]) < 2, seen

        page.goto(live_server.url + "/ar/" + GENEVA)
        seen = page.evaluate(LAYOUT)
        assert seen["dir"] == "rtl"
        assert seen["overflow"] == 0, seen
        assert abs(seen["headingWordsRight"] - seen["headingRight"]) < 2, (
            seen
        )  # starts on the right
        # So does the process's own name, English as it is: `dir="auto"` on the heading set it
        # on the left (an Arabic reader's outside test).
        assert abs(seen["titleWordsRight"] - seen["titleRight"]) < 2, seen
        # Time runs leftwards: the first period is drawn right of the last one.
        assert seen["firstBandLeft"] > seen["lastBandLeft"], seen
        picture = measure(page)
        assert picture["labels"] > 4, picture
        assert picture["small"] == [], picture["small"]
        assert picture["overlaps"] == [], picture["overlaps"]
        assert picture["struck"] == [], picture["struck"]
        assert picture["pageOverflow"] == 0, picture
        for status in ARABIC_STATUSES:
            assert status in picture["legend"], (status, picture["legend"])
        assert page.locator("svg.status-timeline").get_attribute("direction") == "rtl"
        assert_opens_at_today(page, f"Geneva in Arabic at {viewport}")
        if viewport == PHONE:
            save_screenshot(page, "board-phone-ar.png")

        # A list of Latin names in an Arabic sentence reads from the right: the first
        # signatory stands right of the second on its line, or on a line above it (a bdi
        # around the list set it left to right, last name first).
        page.goto(live_server.url + "/ar/agreements/")
        first, second = page.evaluate(NAMES_ON_SCREEN, ["Government of Colombia", "FARC-EP"])
        assert first[0] < second[0] or (first[0] == second[0] and first[1] > second[1]), (
            first,
            second,
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_arabic_and_chinese_pages_pass_the_serious_checks(
    geneva, live_server, monkeypatch, language
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page({"width": 1366, "height": 900}) as page:
        problems = watch_console(page)
        page.add_init_script(CONTRAST_JS)
        for path in ("", GENEVA, "about/", "subscribe/"):
            # axe itself runs on this page, language and width in the axe test.
            assert path in axe_test.PAGES, path
            assert f"{language}/" in axe_test.LANGUAGES
            page.goto(f"{live_server.url}/{language}/{path}")
            assert page.evaluate("document.documentElement.lang") == language
            assert_page_passes(page, problems, axe=False)
            contrasts = page.evaluate(FOCUS_CONTRASTS, "a[href], button, input, select")
            assert contrasts
            weak = [(html, round(r, 2)) for html, r in contrasts if r < 3]
            assert weak == [], weak
            # Every part in another language says so (the switch's names).
            foreign = page.evaluate(
                "() => [...document.querySelectorAll('.languages [lang]')].map(e => e.lang)"
            )
            assert sorted(foreign) == sorted(["ar", "zh-hans", "en", "fr", "ru", "es"])
        assert problems == []
