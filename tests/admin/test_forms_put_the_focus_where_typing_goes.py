"""An analyst working by keyboard (an outside test, the Yemen 2016 sheet recorded in the
admin): a command form opens with the focus on its first field, a refused one on the first
field in error; boxes of free text take the direction of what is typed in them, addresses
read left to right, and a correction's reason stands isolated in an Arabic page."""

from __future__ import annotations

import re

from django.urls import reverse

from negotiations.presentation.direction import isolated
from tests.admin.conftest import cause_row, record_url, submit_event
from tests.factories import correct


def focused(response) -> list[str]:
    """The ids of the elements that take the focus when the page opens."""
    page = response.content.decode()
    return [
        re.search(r'\sid="([^"]+)"', tag).group(1)
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page)
        if re.search(r"\bautofocus\b", tag)
    ]


def test_a_form_opens_with_the_focus_on_its_first_field(editor_client, active):
    assert focused(editor_client.get(record_url(active, "talks_paused"))) == ["id_occurred_on"]
    assert focused(editor_client.get(reverse("admin:negotiations_process_add"))) == [
        "id_occurred_on"
    ]


def test_a_refused_form_puts_the_focus_on_the_first_field_in_error(editor_client, active):
    # A cause with no description: the second row's field, not the page's top.
    causes = [
        cause_row("procedural", "staffan-de-mistura", "The round ends."),
        cause_row("preconditions", "hnc", ""),
    ]
    pause = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}
    response = submit_event(editor_client, active, "talks_paused", pause, causes=causes)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert focused(response) == ["id_causes-1-description"]
    assert '<div id="form-errors" tabindex="-1">' in response.content.decode()


def test_a_refusal_that_names_no_field_takes_the_focus_itself(editor_client, active):
    # Refused by the domain (a resumption while the talks are active): what it says takes
    # the focus, which a screen reader reads, not the date field.
    refused = submit_event(
        editor_client, active, "talks_resumed", {"occurred_on": "2016-02-04", "venue": "Geneva"}
    )
    page = refused.content.decode()
    assert '<div id="form-errors" tabindex="-1" autofocus>' in page
    assert "cannot take" in page.split('id="form-errors"')[1].split("</div>")[0]
    assert focused(refused) == []


def test_free_text_follows_what_is_typed_and_addresses_read_left_to_right(editor_client, active):
    page = editor_client.get(record_url(active, "talks_paused")).content.decode()

    def tag(element_id: str) -> str:
        return re.search(rf'<(?:input|textarea)\b[^>]*id="{element_id}"[^>]*>', page).group(0)

    for box in ("id_note", "id_causes-0-description", "id_sources-0-outlet", "id_sources-0-title"):
        assert 'dir="auto"' in tag(box), box
    for address in ("id_sources-0-url", "id_causes-0-source_url"):
        assert 'dir="ltr"' in tag(address), address
    # An agreement's text: an address too (the domain's `url` kind).
    page = editor_client.get(record_url(active, "agreement_signed")).content.decode()
    assert 'dir="ltr"' in tag("id_text_url")


def test_a_correction_s_reason_stands_isolated_in_an_arabic_page(app, editor_client, active):
    reason = "Wrong day: the talks met on 1 February, not the 2nd."
    correct(app, active.pk, 2, "2016-02-05", reason=reason, by="analyst", venue="Geneva")
    url = reverse("admin:negotiations_process_correct", args=[active.pk, 2])
    for page in (url, reverse("admin:negotiations_process_change", args=[active.pk])):
        shown = editor_client.get(page, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
        assert isolated(reason) in shown, page
        assert isolated("analyst") in shown, page
