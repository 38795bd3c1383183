"""The process page in a real browser on a 1,366 px screen: the timeline picture marks today,
a chosen range redraws it, no two of its labels overlap on screen, the table beside it gives
the same periods, and the page never scrolls sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from negotiations.read.selectors import today
from tests.admin.browser import LAPTOP, browser_page, horizontal_overflow, log_in

OVERLAPPING_TEXT = """() => {
  const boxes = [...document.querySelectorAll('svg.status-timeline text')]
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
  const clash = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.box.left < b.box.right - 0.5 && b.box.left < a.box.right - 0.5 &&
        a.box.top < b.box.bottom - 0.5 && b.box.top < a.box.bottom - 0.5)
      clash.push(a.text + ' / ' + b.text);
  }));
  return clash;
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_timeline_marks_today_and_redraws_a_chosen_range(
    geneva, editor_staff, live_server, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    page_path = reverse("admin:negotiations_process_change", args=[geneva.pk])
    with browser_page(LAPTOP) as page:
        log_in(page, live_server.url, page_path, "editor", "editor-pass-123")
        picture = page.locator("svg.status-timeline")
        assert picture.is_visible()
        assert page.locator("svg.status-timeline .mark-today").count() == 1
        assert f"today {today().isoformat()}" in picture.text_content()
        assert page.evaluate(OVERLAPPING_TEXT) == []
        assert horizontal_overflow(page) == 0
        periods = page.locator("#status-table tbody tr").count()
        assert periods == geneva.periods.count()

        page.fill("#range-from", "2016-01-25")
        page.fill("#range-to", "2016-03-01")
        page.click(".timeline-range input[type=submit]")
        page.wait_for_url("**from=2016-01-25**")
        assert picture.get_attribute("data-start") == "2016-01-25"
        assert picture.get_attribute("data-end") == "2016-03-01"
        assert page.locator("svg.status-timeline .mark-today").count() == 0
        assert "expected back 2016-02-25" in picture.text_content()
        assert page.evaluate(OVERLAPPING_TEXT) == []
        assert page.locator("#status-table tbody tr").count() < periods
        assert horizontal_overflow(page) == 0

        page.click("text=Last 12 months")
        page.wait_for_url("**range=12m**")
        assert page.locator("svg.status-timeline .mark-today").count() == 1
        assert not page.js_errors, page.js_errors
