"""On a phone (390 x 844, Debian's Chromium through Playwright, JavaScript off) no page of the
board scrolls sideways: the list (sorted, searched in Cyrillic), a process with its status on
a date told at the top, the subscribe page and `/about/`, whose five-column table was 533 px
wide before it became a page of the board."""

from __future__ import annotations

import pytest

from tests.admin.browser import (
    AS_ON_A_PHONE,
    PHONE,
    browser_page,
    require_browser,
    save_screenshot,
)
from tests.factories import opening

PAGES = [
    "/",
    "/?sort=overdue&q=%D0%BC%D0%B8%D0%BD%D1%81%D0%BA%D0%B8%D0%B5",  # ?q=минские
    "/processes/intra-syrian-talks-geneva/?as_of=2016-02-10",
    "/processes/intra-syrian-talks-geneva/?order=newest",
    "/subscribe/",
    "/subscribe/?process=intra-syrian-talks-geneva",
    "/about/",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_on_a_phone(app, geneva, live_server, monkeypatch):
    require_browser()
    from playwright.sync_api import expect

    app.open_process(
        opening(name="Минские переговоры", conflict="Война на Донбассе"), recorded_by="x"
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page(PHONE, **AS_ON_A_PHONE) as page:
        for url in PAGES:
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (url, width)
        page.goto(live_server.url + PAGES[1])
        expect(page.locator("#processes tbody tr")).to_have_count(1)
        expect(page.locator("#processes")).to_contain_text("Минские переговоры")

        # The answer is on the first screen, above today's status.
        page.goto(live_server.url + PAGES[2])
        answer = page.locator("#status-on-date").bounding_box()
        today = page.locator("#current-status").bounding_box()
        assert answer is not None
        assert today is not None
        assert answer["y"] + answer["height"] <= 844, answer
        assert answer["y"] < today["y"]
        save_screenshot(page, "board-phone-as-of.png")

        page.goto(live_server.url + "/subscribe/")
        save_screenshot(page, "subscribe-phone.png")
        page.goto(live_server.url + "/about/")
        save_screenshot(page, "about-phone.png")
        page.get_by_role("link", name="Intra-Syrian talks (Geneva)").click()
        page.wait_for_url("**/processes/intra-syrian-talks-geneva/")
        save_screenshot(page, "board-phone-geneva.png")


# Each word of a table cell wider than the cell's content box: a word the browser had to
# break (CSS's `overflow-wrap: anywhere` lets a column shrink below its longest word).
WORDS_BROKEN = """() => {
  const pen = document.createElement("canvas").getContext("2d");
  const broken = [];
  for (const cell of document.querySelectorAll("table th, table td")) {
    const style = getComputedStyle(cell);
    pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // Words as lines may break: at spaces, and after a hyphen or a dash ("government–FARC").
    for (const word of cell.innerText.split(/\\s+|(?<=[-\u2013\u2014])/)) {
      const width = pen.measureText(word).width;
      if (word && width > room + 1) broken.push([word, Math.round(width), Math.round(room)]);
    }
  }
  return broken;
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_no_word_is_broken_in_a_table_on_a_laptop(geneva, live_server, monkeypatch, prefix):
    """At 1280 x 900 the list has room for every word: none is split ("Last ch an ge", an
    Arabic word cut apart, its letters no longer joined)."""
    require_browser()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page({"width": 1280, "height": 900}) as page:
        page.goto(live_server.url + prefix + "/")
        assert page.locator("#processes th").count() >= 6
        assert page.evaluate(WORDS_BROKEN) == []
