"""An editor in a real browser records a pause on the Geneva process, with two causes stated
by two actors chosen with the autocomplete (the form opening with the focus on its first
field, a row added by keyboard taking the focus), and sees the badge and the timeline picture
change. Saves a screenshot under var/screenshots/ and for CI (test-artifacts/); the README's
picture in docs/ is replaced only by `make docs-screenshots`.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
Skips with a reason where Chromium or Playwright is missing, and fails instead in CI."""

from __future__ import annotations

import pytest

from tests.admin.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    choose_actor,
    require_browser,
    save_screenshot,
)
from tests.factories import SOURCE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_records_a_pause_in_the_browser(app, geneva, editor_staff, live_server, monkeypatch):
    require_browser()
    from playwright.sync_api import expect, sync_playwright

    # The talks were suspended in May 2016; they resume in Geneva on 23 February 2017.
    app.resume_talks(
        geneva.pk,
        occurred_on="2017-02-23",
        venue="Geneva",
        sources=[SOURCE],
        recorded_by="setup",
    )
    bands_before = geneva.periods.count()
    page_path = f"/admin/negotiations/process/{geneva.pk}/change/"
    # Playwright's sync API runs an event loop in this thread; the live server answers in
    # its own thread, and this test reads the database only between browser steps.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{live_server.url}/admin/login/?next={page_path}")
            page.fill("#id_username", "editor")
            page.fill("#id_password", "editor-pass-123")
            page.click("input[type=submit]")
            expect(page.locator("#process-status .status-badge")).to_have_text("Active")

            page.select_option("#id_event_type", "talks_paused")
            page.click("text=Open the form")
            # The form opens with the focus where typing goes (an analyst's outside test).
            expect(page.locator("#id_occurred_on")).to_be_focused()
            page.fill("#id_occurred_on", "2017-03-03")
            page.fill("#id_expected_resumption_on", "2017-03-23")
            page.select_option("#id_causes-0-category", "procedural")
            page.fill("#id_causes-0-description", "The round ends; the next opens on 23 March.")
            choose_actor(page, "causes-0", "mistura", "Staffan de Mistura")
            # By keyboard: the new row's first field takes the focus (it stayed on the link).
            page.locator("text=Add another stated cause").focus()
            page.keyboard.press("Enter")
            expect(page.locator("#id_causes-1-category")).to_be_focused()
            # A row removed by keyboard gives the focus to "Add another", not the page's top.
            page.click("text=Add another stated cause")
            page.locator("#causes-2 .inline-deletelink").focus()
            page.keyboard.press("Enter")
            expect(page.locator("#causes-2")).to_have_count(0)
            expect(page.locator("#causes-group .add-row a")).to_be_focused()
            page.select_option("#id_causes-1-category", "preconditions")
            page.fill("#id_causes-1-description", "No political transition on the agenda yet.")
            choose_actor(page, "causes-1", "hnc", "High Negotiations Committee")
            page.fill("#id_sources-0-url", "https://example.org/geneva-iv-ends")
            page.fill("#id_sources-0-outlet", "Example Wire")
            page.fill("#id_note", "Recorded in the browser test.")
            page.click("input[name=_record]")

            expect(page.locator(".messagelist .success")).to_contain_text("Talks paused")
            expect(page.locator("#process-status .status-badge")).to_have_text("Paused")
            bands = page.locator("svg.status-timeline g.band")
            expect(bands).to_have_count(bands_before + 1)
            last_band = bands.nth(bands_before)
            expect(last_band).to_have_class("band band-paused")
            hover = last_band.locator("title").text_content()
            assert "No political transition on the agenda yet." in hover
            assert "Staffan de Mistura" in hover
            expect(page.locator("#current-causes")).to_contain_text("stated by")

            # The top of the page: summary, stated causes, the picture and the chooser.
            save_screenshot(page, "admin-process-page.png")

            # A statement refused for want of its actor: the focus on the picker's drawn
            # box, not on the <select> select2 hides (a review).
            page.select_option("#id_event_type", "statement_made")
            page.click("text=Open the form")
            page.fill("#id_occurred_on", "2017-03-04")
            page.click("input[name=_record]")
            expect(page.locator(".errornote")).to_be_visible()
            expect(page.locator("#id_actor + .select2 .select2-selection")).to_be_focused()
        finally:
            browser.close()

    # And in the event store: one pause, by the editor, with both causes.
    paused = list(app.repository.event_store.get(geneva.pk))[-1]
    assert paused.event_type == "talks_paused"
    assert paused.recorded_by == "editor"
    assert [c["stated_by"] for c in paused.causes] == ["staffan-de-mistura", "hnc"]
