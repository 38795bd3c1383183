"""From a timeline row an editor corrects an event (the changed fields become `changes`) or
retracts it, always with a reason. The corrected view shows the result; the raw history keeps
what was recorded."""

from __future__ import annotations

from django.urls import reverse

from tests.admin.conftest import formset_data, opened_form, page_url

PAUSE_SEQUENCE = 11  # in the Geneva demo: the pause of 3 February 2016


def correct_url(process, sequence):
    return reverse("admin:negotiations_process_correct", args=[process.pk, sequence])


def retract_url(process, sequence):
    return reverse("admin:negotiations_process_retract", args=[process.pk, sequence])


def prefilled(client, url):
    """The correction form as the browser would post it back: every prefilled value."""
    response = client.get(url)
    data = {}
    for form in [response.context["form"]]:
        for field in form:
            value = field.value()
            if value is not None:
                data[field.html_name] = value
    for name in ("causes", "sources"):
        formset = response.context[name]
        if formset is None:
            continue
        rows = []
        for f in formset.forms:
            if f.initial:  # the event's current causes and sources, prefilled
                rows.append({bf.name: bf.value() for bf in f if bf.value() is not None})
        data.update(formset_data(name, rows))
    return data


def test_correct_the_expected_resumption_of_the_pause(app, geneva, editor_client):
    url = correct_url(geneva, PAUSE_SEQUENCE)
    data = prefilled(editor_client, url)
    assert data["expected_resumption_on"] == "2016-02-25"
    assert data["causes-TOTAL_FORMS"] == "6"  # the pause's six stated causes (Ban Ki-moon gave two)

    data.update(expected_resumption_on="2016-02-26", reason="The envoy said the 26th.")
    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    stored = list(app.repository.event_store.get(geneva.pk))[-1]
    assert stored.event_type == "event_corrected"
    assert stored.corrects == PAUSE_SEQUENCE
    assert stored.changes == {"expected_resumption_on": "2016-02-26"}
    assert stored.reason == "The envoy said the 26th."

    corrected = editor_client.get(page_url(geneva)).content.decode()
    assert "Expected to resume on: <bdi>2016-02-26</bdi>" in corrected
    assert "The envoy said the 26th." in corrected
    raw = editor_client.get(page_url(geneva) + "?raw=1").content.decode()
    assert "Expected to resume on: <bdi>2016-02-25</bdi>" in raw
    assert '<strong title="event_corrected">Correction</strong>' in raw


def test_the_raw_history_shows_a_corrected_date_as_recorded(app, geneva, editor_client):
    url = correct_url(geneva, PAUSE_SEQUENCE)
    data = prefilled(editor_client, url)
    data.update(occurred_on="2016-02-04", reason="The UN said the 4th.")
    assert editor_client.post(url, data).status_code == 302

    def date_cell(html: str) -> str:
        row = html.split(f"<td>{PAUSE_SEQUENCE}</td>")[1].split("</tr>")[0]
        return row.split("<td>")[1]

    assert "2016-02-04" in date_cell(editor_client.get(page_url(geneva)).content.decode())
    raw = editor_client.get(page_url(geneva) + "?raw=1").content.decode()
    assert "2016-02-03" in date_cell(raw)


def test_a_correction_that_changes_nothing_records_nothing(app, geneva, editor_client):
    url = correct_url(geneva, PAUSE_SEQUENCE)
    before = app.recorder.max_notification_id()
    data = {**prefilled(editor_client, url), "reason": "Just checking."}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert app.recorder.max_notification_id() == before


def test_a_correction_the_domain_refuses_shows_why(app, geneva, editor_client):
    # Moving the pause before the talks convened breaks the world order of the history.
    url = correct_url(geneva, PAUSE_SEQUENCE)
    before = app.recorder.max_notification_id()
    data = {**prefilled(editor_client, url), "occurred_on": "2016-01-20", "reason": "Typo."}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Nothing was recorded." in response.content.decode()
    assert app.recorder.max_notification_id() == before


def test_retract_a_statement_with_a_reason(app, geneva, editor_client):
    url = retract_url(geneva, 3)
    control = opened_form(editor_client, url)
    response = editor_client.post(url, {**control, "reason": "Misattributed."})
    assert response.status_code == 302
    stored = list(app.repository.event_store.get(geneva.pk))[-1]
    assert (stored.event_type, stored.retracts, stored.reason) == (
        "event_retracted",
        3,
        "Misattributed.",
    )
    page = editor_client.get(page_url(geneva))
    row = next(i for i in page.context["timeline"] if i["row"].sequence == 3)
    assert row["row"].retracted
    assert "Retracted by #" in page.content.decode()


def test_a_retraction_needs_a_reason(app, geneva, editor_client):
    url = retract_url(geneva, 3)
    before = app.recorder.max_notification_id()
    response = editor_client.post(url, {**opened_form(editor_client, url), "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["This field is required."]
    assert app.recorder.max_notification_id() == before


def test_the_opening_cannot_be_retracted(app, geneva, editor_client):
    url = retract_url(geneva, 1)
    before = app.recorder.max_notification_id()
    response = editor_client.post(url, {**opened_form(editor_client, url), "reason": "No."})
    assert response.status_code == 200
    assert "The opening of a process cannot be retracted." in response.content.decode()
    assert app.recorder.max_notification_id() == before


def test_an_agreement_with_third_parties_is_corrected_from_its_prefilled_form(
    app, geneva, editor_client
):
    """The form showed the third parties as a Python list, which it then refused: every
    correction of an agreement with guarantors failed unless the analyst retyped them."""
    from negotiations.read.models import Process, TimelineEntry

    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    signed = TimelineEntry.objects.get(
        process=havana, type="agreement_signed", recorded__agreement="final-agreement-2016"
    )
    url = correct_url(havana, signed.sequence)
    page = editor_client.get(url).content.decode()
    shown = "cuba:guarantor; norway:guarantor; venezuela:accompanier; chile:accompanier"
    assert f'value="{shown}"' in page
    data = prefilled(editor_client, url)

    data.update(signatories=["colombian-government", "farc-ep"], reason="Signed by principals.")
    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    stored = list(app.repository.event_store.get(havana.pk))[-1]
    assert (stored.event_type, stored.corrects) == ("event_corrected", signed.sequence)
    assert list(stored.changes) == ["signatories"]  # the third parties, unchanged, are not
    # In the order chosen, not the registry's ("FARC-EP" before "Government of Colombia").
    assert stored.changes["signatories"] == ["colombian-government", "farc-ep"]
    # And the next correction's form shows them so: a browser sends them in that order.
    page = editor_client.get(url).content.decode()
    assert page.index('value="colombian-government"') < page.index('value="farc-ep"')
    data = prefilled(editor_client, url)
    data.update(title="Final Agreement (Havana)", reason="Its short title.")
    assert editor_client.post(url, data).status_code == 302
    assert list(app.repository.event_store.get(havana.pk))[-1].changes == {
        "title": "Final Agreement (Havana)"
    }
