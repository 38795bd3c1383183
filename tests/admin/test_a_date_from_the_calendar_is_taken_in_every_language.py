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
