"""The record forms in a real browser on a 1,366 px laptop screen: Django's calendar opens
from a date field, "Add another" gives as many causes and sources as an event needs (a pause
recorded with four causes and three sources), and neither the forms nor the process page
scroll sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.admin.browser import (
    LAPTOP,
    browser_page,
    choose_actor,
    horizontal_overflow,
    log_in,
    saved,
)
from tests.factories import SOURCE

CAUSES = [
    ("military_escalation", "Aerial bombing around Aleppo intensified.", "ban", "Ban Ki-moon"),
    (
        "external_pressure",
        "The UN will not be associated with the escalation.",
        "mistura",
        "Staffan de Mistura",
    ),
    ("preconditions", "Sieges must be lifted before talks.", "hnc", "High Negotiations"),
    ("procedural", "The round ends; the next opens later.", "mistura", "Staffan de Mistura"),
]
SOURCES = [
    ("https://example.org/a", "Example Wire"),
    ("https://example.org/b", "Example Daily"),
    ("https://example.org/c", "Example Radio"),
]


@pytest.fixture
def convened(app, geneva):
    # The demo's talks are suspended; they resume, so a pause is allowed.
    app.resume_talks(
        geneva.pk, occurred_on="2017-02-23", venue="Geneva", sources=[SOURCE], recorded_by="setup"
    )
    geneva.refresh_from_db()
    return geneva


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pause_with_four_causes_and_three_sources_on_a_laptop_screen(
    app, convened, editor_staff, live_server, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    process_page = reverse("admin:negotiations_process_change", args=[convened.pk])
    record = reverse("admin:negotiations_process_record_event", args=[convened.pk, "talks_paused"])
    with browser_page(LAPTOP) as page:
        log_in(page, live_server.url, record, "editor", "editor-pass-123")
        page.wait_for_selector("#id_occurred_on")
        assert horizontal_overflow(page) == 0

        # The calendar of Django's date widget opens and sets the date.
        page.click(".field-occurred_on .datetimeshortcuts a[id^=calendarlink]")
        calendar = page.locator(".calendarbox").first
        assert calendar.is_visible()
        calendar.locator("td a", has_text="1").first.click()
        assert page.input_value("#id_occurred_on").endswith("-01")
        page.fill("#id_occurred_on", "2017-03-03")
        page.fill("#id_expected_resumption_on", "2017-03-23")

        for i, (category, description, search, name) in enumerate(CAUSES):
            if i:
                page.click("text=Add another stated cause")
            page.select_option(f"#id_causes-{i}-category", category)
            page.fill(f"#id_causes-{i}-description", description)
            choose_actor(page, f"causes-{i}", search, name)
        for i, (url, outlet) in enumerate(SOURCES):
            if i:
                page.click("text=Add another source")
            page.fill(f"#id_sources-{i}-url", url)
            page.fill(f"#id_sources-{i}-outlet", outlet)
        # A row added by mistake is removed again.
        page.click("text=Add another source")
        page.locator("#sources-3 .inline-deletelink").click()
        # The calendar works in an added row too.
        page.click("#causes-3 .datetimeshortcuts a[id^=calendarlink]")
        assert page.locator(".calendarbox:visible").count() == 1
        page.keyboard.press("Escape")
        assert horizontal_overflow(page) == 0, "the form scrolls sideways with four causes"
        page.click("input[name=_record]")
        saved(page)
        assert horizontal_overflow(page) == 0, "the process page scrolls sideways"
        assert page.url.endswith(process_page)
        assert not page.js_errors, page.js_errors

    paused = list(app.repository.event_store.get(convened.pk))[-1]
    assert paused.event_type == "talks_paused"
    assert [c["category"] for c in paused.causes] == [c[0] for c in CAUSES]
    assert [s["url"] for s in paused.sources] == [s[0] for s in SOURCES]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_record_form_fits_a_laptop_screen(convened, editor_staff, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    pk = convened.pk
    pages = [
        reverse("admin:negotiations_process_add"),
        reverse("admin:negotiations_process_correct", args=[pk, 5]),
        reverse("admin:negotiations_process_retract", args=[pk, 5]),
        *(
            reverse("admin:negotiations_process_record_event", args=[pk, t])
            for t in ("talks_suspended", "statement_made", "talks_concluded", "party_withdrew")
        ),
    ]
    with browser_page(LAPTOP) as page:
        log_in(page, live_server.url, pages[0], "editor", "editor-pass-123")
        for path in pages:
            page.goto(live_server.url + path)
            page.wait_for_selector("input[name=_record]")
            assert horizontal_overflow(page) == 0, path
            if "/retract/" not in path:  # a retraction has no date of its own
                assert page.locator(".datetimeshortcuts").count() > 0, path
        assert not page.js_errors, page.js_errors
