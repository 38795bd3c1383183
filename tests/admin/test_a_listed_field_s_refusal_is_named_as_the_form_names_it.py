"""An analyst's finding: a refused third party read "Nothing was recorded. Third
parties[0].actor: Must be a slug…", the API's path, in every language. The form names it
as it labels the field: "Third parties #1, Actor", and the message stands on that field."""

from __future__ import annotations

from tests.admin.conftest import submit_event
from tests.admin.test_every_event_type_recorded_through_the_admin import SIGNED


def test_a_refused_third_party_is_named_by_the_form_s_labels(editor_client, active):
    answer = submit_event(
        editor_client,
        active,
        "agreement_signed",
        {**SIGNED, "occurred_on": "2016-02-22", "third_parties": "Cuba Republic:guarantor"},
        with_causes=False,
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Nothing was recorded." in page
    assert "Third parties #1, Actor" in page
    # On the field too, which item: with two refused, two bare messages told neither.
    field_errors = page[page.index('id="id_third_parties_error"') :]
    assert "Third parties #1, Actor" in field_errors[: field_errors.index("</ul>")]
    assert "third_parties[0]" not in page
    assert "Third parties[0]" not in page
