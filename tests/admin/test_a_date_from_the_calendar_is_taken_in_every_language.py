"""The admin's calendar and its "Today" link write a date in the reader's language's first
input format (Django's `DATE_INPUT_FORMATS`, as its JavaScript reads them): the form takes
it in each of the six languages, and ISO 8601 in every one (an outside reader found French,
Russian, Spanish and Chinese dates refused as "not a valid date")."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import formats

from negotiations.read.models import TimelineEntry
from tests.admin.conftest import cause_row, submit_event

LANGUAGES = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_s_date_is_taken(editor_client, active, language):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    day = date(2016, 2, 4)
    written = day.strftime(formats.get_format("DATE_INPUT_FORMATS", lang=language)[0])
    for typed in dict.fromkeys((written, day.isoformat())):  # once where they are the same
        response = submit_event(
            editor_client,
            active,
            "statement_made",
            {"occurred_on": typed, "actor": "ban-ki-moon", "stance": "critical", "summary": typed},
            causes=[cause_row("procedural", "ban-ki-moon", "Logistics.")],
        )
        assert response.status_code == 302, (language, typed, response.content.decode()[-3000:])
        row = TimelineEntry.objects.get(
            process=active.pk, type="statement_made", recorded__summary=typed
        )
        assert row.occurred_on == day, (language, typed)


@pytest.mark.parametrize(("language", "accepted"), [("en", False), ("ar", False), ("fr", True)])
def test_a_month_first_date_is_not_read_where_the_calendar_does_not_write_it(
    editor_client, active, language, accepted
):
    """English's input formats include the US `05/06/2016` (the 6th of May), on pages that
    write dates day first; the admin's calendar writes ISO in English and Arabic (a review):
    only the calendar's format and ISO are taken. In French it is the 5th of June."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = submit_event(
        editor_client,
        active,
        "statement_made",
        {"occurred_on": "05/06/2016", "actor": "ban-ki-moon", "stance": "critical", "summary": "x"},
        causes=[cause_row("procedural", "ban-ki-moon", "Logistics.")],
    )
    assert (response.status_code == 302) is accepted, language
    recorded = TimelineEntry.objects.filter(process=active.pk, type="statement_made")
    if accepted:
        assert recorded.get().occurred_on == date(2016, 6, 5)
    else:  # refused: nothing recorded, the form says why at the date
        assert not recorded.exists()
        assert response.context["form"].errors["occurred_on"]
