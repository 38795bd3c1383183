"""An analyst whose browser asks for Arabic opens a record form in a real browser: the type
picker, the form's labels, its choices and its submit button are in Arabic, never the raw
event type (an analyst's review saw «تسجيل: AGREEMENT_BREACH_ALLEGED»), and the actor
picker shows the whole name chosen (it showed the end of a Latin name, cut at its start)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from negotiations.domain.registry import EVENT_LABELS
from tests.admin.browser import LAPTOP, PHONE, browser_page, choose_actor, log_in

ARABIC = re.compile(r"[\u0600-\u06ff]")
BREACH = "agreement_breach_alleged"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_record_form_in_arabic(geneva, editor_staff, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with translation.override("ar"):
        label = translation.gettext(EVENT_LABELS[BREACH])
    process_page = reverse("admin:negotiations_process_change", args=[geneva.pk])
    with browser_page(LAPTOP, locale="ar") as page:
        log_in(page, live_server.url, process_page, "editor", "editor-pass-123")
        page.wait_for_selector("#id_event_type")
        option = page.locator(f"#id_event_type option[value={BREACH}]").inner_text()
        assert label in option
        assert BREACH not in option

        page.select_option("#id_event_type", BREACH)
        page.locator("form.record-chooser input[type=submit]").click()
        page.wait_for_selector("input[name=_record]")
        assert page.locator("html").get_attribute("dir") == "rtl"
        submit = page.locator("input[name=_record]").get_attribute("value") or ""
        assert label in submit
        assert BREACH not in submit.lower()
        labels = page.locator("form label").all_inner_texts()
        assert labels
        assert [t for t in labels if t.strip() and not ARABIC.search(t)] == []
        categories = page.locator("#id_causes-0-category option").all_inner_texts()
        assert [t for t in categories[1:] if not ARABIC.search(t)] == []
        assert page.js_errors == []


# Where the text of the picker's choice lies against the box that shows it.
PICKED = """(box) => {
  const range = document.createRange();
  range.selectNodeContents(box);
  const text = range.getBoundingClientRect(), shown = box.getBoundingClientRect();
  return {hidden: box.scrollWidth - box.clientWidth + box.scrollHeight - box.clientHeight,
          outside: Math.max(0, shown.left - text.left, text.right - shown.right,
                            shown.top - text.top, text.bottom - shown.bottom),
          text: box.textContent};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("screen", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_actor_picker_shows_the_whole_name_in_arabic(
    geneva, editor_staff, live_server, monkeypatch, screen
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    form = reverse("admin:negotiations_process_record_event", args=[geneva.pk, "talks_suspended"])
    with browser_page(screen, locale="ar") as page:
        log_in(page, live_server.url, form, "editor", "editor-pass-123")
        page.wait_for_selector("#causes-0 .field-stated_by .select2-selection")
        choose_actor(page, "causes-0", "mis", "Staffan de Mistura")
        box = page.locator("#causes-0 .field-stated_by .select2-selection__rendered")
        picked = box.evaluate(PICKED)
        assert picked["text"].startswith("Staffan de Mistura, UN Special Envoy for Syria")
        assert picked["hidden"] <= 1, picked  # nothing scrolled out of sight or cut off
        assert picked["outside"] <= 1, picked
        assert page.js_errors == []
