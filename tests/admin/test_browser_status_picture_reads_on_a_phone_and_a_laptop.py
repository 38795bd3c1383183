"""The status picture on the admin's process page of the Geneva and Havana demo processes,
in Debian's Chromium at 390 x 844 and 1,366 x 768: labels at least 10 px tall, none
overlapping another or crossed by a line, a legend for every band, and no sideways scroll of
the page itself. In the summary above it, the status badge and the "overdue" note beside it
never cover each other (on a phone the note, wrapped, covered half the badge)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from negotiations.read.models import Process
from tests.admin.browser import browser_page, log_in
from tests.board.picture_on_screen import LAPTOP, PHONE, assert_legible, assert_opens_at_today


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_status_picture_is_legible_without_overlaps(
    geneva, editor_staff, live_server, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    paths = [reverse("admin:negotiations_process_change", args=[p.pk]) for p in (geneva, havana)]
    kuwait = Process.objects.get(slug="yemen-talks-kuwait")
    yemen = reverse("admin:negotiations_process_change", args=[kuwait.pk])
    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        with browser_page(viewport) as page:
            log_in(page, live_server.url, paths[0], "editor", "editor-pass-123")
            for path in paths:
                page.goto(live_server.url + path)
                assert_legible(page, f"{path} on a {name}")
                assert_opens_at_today(page, f"{path} on a {name}")
            page.goto(live_server.url + yemen)  # paused since August 2016: long overdue
            assert_apart(page, "#process-status .status-badge", ".overdue-note", name)
            page.goto(live_server.url + paths[0] + "?range=dates&from=2016-01-25&to=2016-03-01")
            # Nothing there goes on to today: no hatched band, and the legend says none.
            assert_legible(page, f"Geneva's February on a {name}", ongoing=False)
            assert not page.js_errors, page.js_errors


def assert_apart(page, first: str, second: str, where: str) -> None:
    a, b = page.locator(first).bounding_box(), page.locator(second).bounding_box()
    assert a, first
    assert b, second
    overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    assert overlap_x <= 0 or overlap_y <= 0, (where, a, b)
