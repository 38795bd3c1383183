"""A reader on a phone (a 390 x 844 viewport, Debian's Chromium through Playwright) opens the
board without logging in, filters the list, opens the Geneva talks with the keyboard, reads
why they stand where they stand, and asks for the status on 10 February 2016. Nothing runs
JavaScript (it is off); nothing is wider than the screen. Saves board-phone.png under
var/screenshots/ (the README's copy in docs/ only by `make docs-screenshots`)."""

from __future__ import annotations

import pytest

from tests.admin.browser import (
    AS_ON_A_PHONE,
    PHONE,
    browser_page,
    require_browser,
    save_screenshot,
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_uses_the_board_on_a_phone(geneva, live_server, monkeypatch):
    require_browser()
    from playwright.sync_api import expect

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page(PHONE, **AS_ON_A_PHONE) as page:
        page.goto(live_server.url + "/")
        expect(page.locator("h1")).to_have_text("Where every peace process stands")
        assert not page.url.endswith("/login/")

        # Filter by conflict, then search: plain GET forms, no script.
        page.select_option("#conflict", "Syrian civil war")
        page.click("button[type=submit]")
        expect(page.locator("#processes tbody tr")).to_have_count(1)
        page.fill("#q", "havana")
        page.select_option("#conflict", "")
        page.click("button[type=submit]")
        expect(page.locator("#processes tbody tr")).to_contain_text("Havana")
        page.goto(live_server.url + "/")

        # The skip link is the first stop of the keyboard, and leads to the content.
        page.keyboard.press("Tab")
        expect(page.locator("a.skip")).to_be_focused()
        link = page.locator("#processes a", has_text="Intra-Syrian talks (Geneva)")
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/processes/intra-syrian-talks-geneva/")
        expect(page.locator("h1")).to_have_text("Intra-Syrian talks (Geneva)")
        expect(page.locator("#current-causes h2")).to_have_text(
            "Stated causes of the current status"
        )

        page.fill("#as_of_input", "2016-02-10")
        page.click("form.as-of button")
        expect(page.locator("#status-on-date")).to_contain_text("Paused")
        expect(page.locator("#status-on-date")).to_contain_text("25 February 2016")
        expect(page.locator("#as-of")).to_contain_text("stated by Ban Ki-moon")
        expect(page.locator("#periods tbody tr").first).to_be_visible()

        # Readable on the phone: nothing makes the page scroll sideways.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width

        page.goto(live_server.url + "/processes/intra-syrian-talks-geneva/")
        save_screenshot(page, "board-phone.png")

        # A stacked table's labels end with each language's colon (a reader in Chinese
        # read "状态: 暂停" beside the page's own "：").
        label = "getComputedStyle(document.querySelector('#periods td'), '::before').content"
        for prefix, said in (
            ("", '"Status: "'),
            ("/zh-hans", '"状态："'),
            ("/fr", '"Statut\xa0: "'),
        ):
            page.goto(live_server.url + prefix + "/processes/intra-syrian-talks-geneva/")
            assert page.evaluate(label) == said
