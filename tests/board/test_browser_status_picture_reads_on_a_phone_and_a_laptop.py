"""The status picture of the Geneva and Havana demo processes on the board, in Debian's
Chromium at 390 x 844 (a phone) and 1,366 x 768 (a laptop): every label is at least 10 px
tall, no two labels overlap, no line crosses a label, the legend explains every band, and the
page itself never scrolls sideways (the picture's container does, on the phone, opening at
today's end)."""

from __future__ import annotations

import pytest

from tests.admin.browser import browser_page, save_screenshot
from tests.board.picture_on_screen import LAPTOP, PHONE, assert_legible, assert_opens_at_today

PROCESSES = ["intra-syrian-talks-geneva", "colombia-farc-talks-havana"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_status_picture_is_legible_without_overlaps(geneva, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        with browser_page(viewport) as page:
            for slug in PROCESSES:
                page.goto(f"{live_server.url}/processes/{slug}/")
                assert_legible(page, f"{slug} on a {name}")
                assert_opens_at_today(page, f"{slug} on a {name}")
                scroller = page.locator(".status-timeline-scroll")
                overflow = scroller.evaluate("e => e.scrollWidth - e.clientWidth")
                # On the phone the picture scrolls in its container instead of shrinking.
                assert (overflow > 0) == (name == "phone"), (slug, name, overflow)
            if name == "phone":
                page.locator(".status-timeline-scroll").scroll_into_view_if_needed()
                save_screenshot(page, "board-picture-phone.png")
            assert not page.js_errors, page.js_errors
