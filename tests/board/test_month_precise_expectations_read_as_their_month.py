"""A pause expected back "in May 2016" and talks scheduled "for August 2016" read as months
on the board, in the Atom feed, on /about/ and in the calendar, where a month-precise date is
an all-day event spanning its month (issue 23, item 14)."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import icalendar
import pytest

from tests.api.recording import opened_over_http, recorded

ATOM = "{http://www.w3.org/2005/Atom}"


def paused_until_may(editor_api, name: str, on: str, **precision: str) -> str:
    """Talks convened in March 2016, paused `on` (`date_precision` as given) until May."""
    slug = opened_over_http(editor_api, name=name, occurred_on="2016-01-25")
    recorded(editor_api, slug, "talks_convened", "2016-03-13", venue="Geneva")
    recorded(
        editor_api,
        slug,
        "talks_paused",
        on,
        expected_resumption_on="2016-05-01",
        expected_resumption_precision="month",
        **precision,
    )
    return slug


@pytest.fixture(name="paused_until_may")
def paused_on_27_april_until_may(editor_api, actors):
    return paused_until_may(editor_api, "May talks", "2016-04-27")


@pytest.fixture
def august_talks(editor_api, actors):
    slug = opened_over_http(editor_api, name="August talks", occurred_on="2016-01-25")
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        "2016-07-26",
        scheduled_for="2016-08-01",
        scheduled_for_precision="month",
        venue="Geneva",
    )
    return slug


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_process_page_says_expected_to_resume_in_may_2016(client, paused_until_may):
    text = text_of(client.get(f"/processes/{paused_until_may}/"))
    assert "Paused since 27 April 2016; expected to resume in May 2016 (overdue)" in text
    assert text.count("expected to resume in May 2016") == 2  # the summary and the periods
    assert "Expected to resume in May 2016." in text  # the timeline
    assert "1 May 2016" not in text
    assert "1 May" not in text.replace("1 May talks", "")


def test_the_picture_marks_the_month_expected(client, paused_until_may):
    html = client.get(f"/processes/{paused_until_may}/").content.decode()
    picture = html[html.index("<svg") : html.index("</svg>")]
    # The month as the axis names it (an analyst's outside test read "2016-09" in each
    # language's picture, where a month is written as a month wherever it is shown).
    assert "expected back May 2016<" in picture
    assert "Expected to resume in May 2016" in picture
    assert "2016-05" not in picture


def test_the_status_on_a_date_is_overdue_only_after_the_month(client, paused_until_may):
    in_may = text_of(client.get(f"/processes/{paused_until_may}/", {"as_of": "2016-05-31"}))
    assert "expected to resume in May 2016." in in_may
    assert "(overdue then)" not in in_may
    june = text_of(client.get(f"/processes/{paused_until_may}/", {"as_of": "2016-06-01"}))
    assert "expected to resume in May 2016 (overdue then)" in june


def test_the_list_and_about_show_the_month(client, paused_until_may):
    page = client.get("/", {"q": "May talks"}).content.decode()
    assert "overdue (expected May 2016)" in page
    about = text_of(client.get("/about/"))
    assert "overdue (expected May 2016)" in about
    # Languages that put an article or a case before a day do not before a month (a review
    # of composed sentences found "attendue le mai 2016", "prevista el mayo de 2016"), and
    # the participle names what is expected (a second review: it agreed with nothing).
    told = {
        "fr": "en retard (reprise attendue en mai 2016)",
        "es": "con retraso (reanudación prevista en mayo de 2016)",
    }
    for language, words in told.items():
        assert words in text_of(client.get(f"/{language}/", {"q": "May talks"}))
        assert words in text_of(client.get(f"/{language}/about/"))


def test_the_atom_entry_says_in_may_2016(client, paused_until_may):
    response = client.get(f"/processes/{paused_until_may}/feed.atom")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    pause = next(e for e in entries if "→ paused" in (e.findtext(f"{ATOM}title") or ""))
    content = pause.findtext(f"{ATOM}content") or pause.findtext(f"{ATOM}summary") or ""
    assert "Expected to resume in May 2016." in content


def calendar(client, slug: str) -> list[icalendar.Event]:
    response = client.get(f"/processes/{slug}/calendar.ics")
    assert response.status_code == 200
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_month_is_an_all_day_event_spanning_it_in_the_calendar(
    client, paused_until_may, august_talks
):
    (resumption,) = calendar(client, paused_until_may)
    assert (resumption.decoded("DTSTART"), resumption.decoded("DTEND")) == (
        date(2016, 5, 1),
        date(2016, 6, 1),
    )
    assert "expected to resume in May 2016" in str(resumption["DESCRIPTION"])
    (talks,) = calendar(client, august_talks)
    assert (talks.decoded("DTSTART"), talks.decoded("DTEND")) == (
        date(2016, 8, 1),
        date(2016, 9, 1),
    )
    assert "Talks scheduled for August 2016 in \u2068Geneva\u2069." in str(talks["DESCRIPTION"])
    assert str(talks["STATUS"]) == "CONFIRMED"


def test_talks_for_a_month_stay_pending_until_its_end(client, editor_api, august_talks):
    # Announced on 10 August, talks for 25 August replace the August ones still pending.
    recorded(
        editor_api,
        august_talks,
        "talks_scheduled",
        "2016-08-10",
        scheduled_for="2016-08-25",
        venue="Geneva",
    )
    found = {e.decoded("DTSTART"): e for e in calendar(client, august_talks)}
    assert str(found[date(2016, 8, 1)]["STATUS"]) == "CANCELLED"
    assert str(found[date(2016, 8, 25)]["STATUS"]) == "CONFIRMED"


def test_russian_says_the_month_in_its_grammar(client, paused_until_may):
    """Django's Russian month-year is a nominative ("Май 2016 г."), which "в" cannot take:
    the sentences introduce it after a colon, the picture's title too."""
    html = client.get(f"/ru/processes/{paused_until_may}/").content.decode()
    picture = html[html.index("<svg") : html.index("</svg>")]
    # In lower case, as Russian writes a month in a sentence (not a calendar's heading).
    assert "Ожидаемое возобновление: май 2016" in picture
    text = text_of(client.get(f"/ru/processes/{paused_until_may}/"))
    assert "ожидаемое возобновление: май 2016" in text  # the summary
    assert " в Май" not in text
    assert " в Май" not in picture


def test_a_pause_recorded_as_of_its_month_is_told_as_its_month_in_the_calendar(
    client, editor_api, actors
):
    """A pause whose day nobody reported (recorded with month precision) was told as the 1st
    of its month in the calendar ("Talks paused on 1 April 2016"), a day nobody announced."""
    slug = paused_until_may(editor_api, "April pause", "2016-04-01", date_precision="month")
    (resumption,) = calendar(client, slug)
    told = str(resumption["DESCRIPTION"]).split("\n")[0]
    assert told == "Talks paused in April 2016, expected to resume in May 2016."
    # Russian introduces a date after a colon (its month stands in the nominative), and a
    # Russian dates end without "г." (a review found "с Апрель 2016 г." and "г..").
    russian = client.get(f"/processes/{slug}/calendar.ics", {"lang": "ru"}).content
    (resumption,) = icalendar.Calendar.from_ical(russian).walk("VEVENT")
    told = str(resumption["DESCRIPTION"]).split("\n")[0]
    assert told == "Перерыв в переговорах: апрель 2016; ожидаемое возобновление: май 2016."


def test_talks_for_a_month_read_as_the_month_in_french_and_spanish(client, august_talks):
    """An analyst's outside test read "Pourparlers prévus le août 2016" on the French board
    and calendar, "para el agosto de 2016" in Spanish: a day's article before a month."""
    told = {
        "fr": "Pourparlers prévus en août 2016 (lieu\u00a0: \u2068Geneva\u2069).",
        "es": "Conversaciones previstas para agosto de 2016 en \u2068Geneva\u2069.",
    }
    for language, words in told.items():
        ics = client.get(f"/processes/{august_talks}/calendar.ics", {"lang": language}).content
        (talks,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert str(talks["DESCRIPTION"]).split("\n")[0] == words
        page = text_of(client.get(f"/{language}/processes/{august_talks}/"))  # its timeline
        assert words.replace("\u00a0", " ") in page  # (`text_of` folds every space)
        assert " le août" not in page
        assert " el agosto" not in page
