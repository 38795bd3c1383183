"""A refused command shows why, in plain words on the form, and records nothing at all."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from negotiations.domain.errors import InvalidTransition
from negotiations.presentation.labels import event_label, names_comma
from negotiations.presentation.refusals import refusal_detail
from tests.admin.conftest import cause_row, submit_event

PAUSE = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}


@pytest.fixture
def submit_recording_nothing(app, editor_client):
    """Submit an event form as an editor, and check that the store did not move."""

    def submit(process, event_type, fields, **kw):
        before = app.recorder.max_notification_id() or 0
        response = submit_event(editor_client, process, event_type, fields, **kw)
        assert (app.recorder.max_notification_id() or 0) == before
        return response

    return submit


def refused(response, *messages: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was recorded." in html
    for message in messages:
        assert message in html, message
    return html


def test_invalid_transition_names_the_status_and_what_is_allowed(planned, submit_recording_nothing):
    """In the words of the form's own menu (the event types' labels), not as the API's
    clients send them (`talks_paused`)."""
    response = submit_recording_nothing(planned, "talks_paused", PAUSE)
    refused(
        response,
        "Talks that are planned cannot take &#x27;Talks paused&#x27;. "
        "Allowed now: Talks convened, Talks collapsed.",
    )


def test_invalid_transition_in_chinese_lists_the_labels_with_its_own_comma(
    planned, submit_recording_nothing, editor_client
):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = submit_recording_nothing(planned, "talks_paused", PAUSE).content.decode()
    with translation.override("zh-hans"):
        told = refusal_detail(
            InvalidTransition("planned", "talks_paused", ["talks_convened", "talks_collapsed"]),
            labelled=True,
        )
        listed = names_comma().join(event_label(t) for t in ("talks_convened", "talks_collapsed"))
    assert "、" in listed
    assert listed in told
    assert escape(told) in html


def test_a_suspension_without_a_cause_is_refused(active, submit_recording_nothing):
    """In words an analyst reads, not the type's code the API's clients send."""
    response = submit_recording_nothing(active, "talks_suspended", {"occurred_on": "2016-02-05"})
    refused(response, "This event needs at least one stated cause: who stated it, and why.")


def test_a_status_change_before_the_latest_one_is_out_of_order(active, submit_recording_nothing):
    causes = [cause_row("procedural", "un-official", "Logistics.")]
    response = submit_recording_nothing(
        active, "talks_suspended", {"occurred_on": "2016-01-28"}, causes=causes
    )
    refused(response, "would precede the latest one, on 2016-02-01")


def test_a_status_change_needs_a_source(active, submit_recording_nothing):
    response = submit_recording_nothing(active, "talks_paused", PAUSE, sources=[])
    refused(response, "A status change needs at least one source.")


def test_a_domain_refusal_lands_on_the_field_it_names(planned, submit_recording_nothing):
    joined = {"occurred_on": "2016-02-05", "actor": "hnc"}
    response = submit_recording_nothing(planned, "party_joined", joined)
    refused(response, "&#x27;hnc&#x27; is already taking part.")
    assert response.context["form"].errors["actor"] == ["'hnc' is already taking part."]


def test_a_cause_naming_an_unknown_category_is_refused_by_the_form(
    active, submit_recording_nothing
):
    causes = [cause_row("astrology", "un-official", "Stars.")]
    response = submit_recording_nothing(
        active, "talks_suspended", {"occurred_on": "2016-02-05"}, causes=causes
    )
    assert response.status_code == 200
    assert response.context["causes"].errors[0]["category"]


def test_a_missing_required_field_is_refused_by_the_form(active, submit_recording_nothing):
    response = submit_recording_nothing(active, "talks_paused", {"occurred_on": "2016-02-03"})
    assert response.status_code == 200
    assert response.context["form"].errors["expected_resumption_on"] == ["This field is required."]


def test_the_message_names_each_field_as_the_form_labels_it(active, submit_recording_nothing):
    """The message at the top of the form named a field by its code in the API
    ("expected_resumption_on: 2016-02-01 is before the pause itself"); it now says the
    label the editor sees beside the field, and a row's field with its row."""
    early = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-02"}
    html = refused(submit_recording_nothing(active, "talks_paused", early))
    top = html[html.index("Nothing was recorded.") :].split("</", 1)[0]
    assert top.startswith("Nothing was recorded. Expected to resume on: "), top
    assert "expected_resumption_on" not in top
    causes = [cause_row("procedural", "un-official", "Logistics.")]
    causes[0]["source_outlet"] = "Example Wire"  # an outlet with no URL
    html = refused(
        submit_recording_nothing(
            active, "talks_suspended", {"occurred_on": "2016-02-05"}, causes=causes
        )
    )
    top = html[html.index("Nothing was recorded.") :].split("</", 1)[0]
    assert top.startswith("Nothing was recorded. Stated cause #1, "), top
    assert "causes[0]" not in top


def test_a_row_is_numbered_as_the_form_numbers_it(active, submit_recording_nothing):
    """A blank row between two filled ones counts in the form's numbering ("#3"), and so in
    the message (it said "#2", the second filled row, while the error stood under #3)."""
    outlet_only = cause_row("procedural", "un-official", "Logistics.", outlet="Example Wire")
    causes = [cause_row("procedural", "un-official", "Logistics."), {}, outlet_only]
    html = refused(
        submit_recording_nothing(
            active, "talks_suspended", {"occurred_on": "2016-02-05"}, causes=causes
        )
    )
    top = html[html.index("Nothing was recorded.") :].split("</", 1)[0]
    assert top.startswith("Nothing was recorded. Stated cause #3, Source URL: "), top


def test_a_chinese_summary_ends_once(active, submit_recording_nothing, editor_client):
    """The messages' own "。" were kept and a "." added after them: "…（2016-02-03）。." """
    editor_client.cookies["django_language"] = "zh-hans"
    early = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-02"}
    response = submit_recording_nothing(active, "talks_paused", early)
    html = response.content.decode()
    top = html[html.index("未记录任何内容") :].split("</", 1)[0]
    assert top.endswith("。"), top
    assert not top.endswith("。."), top
    assert "。。" not in top, top


def test_a_refused_row_of_sources_is_said_at_the_top_of_the_form(active, submit_recording_nothing):
    """An analyst's outside test: a source row with no URL reloaded the page with its error
    beside the row only, far down a long form (on a phone, a scroll away)."""
    response = submit_recording_nothing(
        active,
        "talks_suspended",
        {"occurred_on": "2016-02-05"},
        causes=[cause_row("procedural", "un-official", "Logistics.")],
        sources=[{"outlet": "Sudan Tribune", "url": "", "published_on": "2016-02-05"}],
    )
    html = response.content.decode()
    form = html[html.index("<form") :]
    assert form.index('class="errornote"') < form.index("This field is required.")
