"""The agreements read in the reader's language (issue 26 after issue 25): the agreements
page's table, the as-of answer, the Atom twin feed and the calendar's items, on the demo's
five processes. English is tested in test_agreements_on_the_board_feeds_and_digest.py."""

from __future__ import annotations

import re

import icalendar
from django.utils import translation

from tests.board.conftest import text

GENEVA, HAVANA = "intra-syrian-talks-geneva", "colombia-farc-talks-havana"
FINAL = "Final Agreement to End the Armed Conflict and Build a Stable and Lasting Peace"


def test_the_agreements_page_in_french(client, geneva):
    page = text(client, "/fr/agreements/")
    assert "<h1>Accords</h1>" in page
    assert '<th scope="col">Stade</th>' in page
    assert ">Cessez-le-feu</td>" in page
    assert ">En vigueur</span>" in page
    assert "Rejeté par référendum, 2 octobre 2016" in page
    assert "Cessation of hostilities in Syria" in page  # a title stays as recorded


def test_the_as_of_answer_in_spanish(client, geneva):
    page = text(client, f"/es/processes/{HAVANA}/", as_of="2016-10-03")
    assert "Acuerdos en esa fecha:" in page
    assert "</bdi>: rechazado en referéndum, 2 de octubre de 2016." in page


def test_the_atom_feed_in_russian_tells_the_votes(client, geneva):
    atom = text(client, f"/processes/{HAVANA}/agreements.atom", lang="ru")
    assert "Соглашения: " in atom
    # Each agreement by its title (isolated), not its slug.
    final, new = f"\u2068{FINAL}\u2069", f"\u2068New {FINAL}\u2069"
    assert f"Референдум по {final}: отклонено (за 49,78 %, против 50,21 %" in atom
    assert f"\u2068Senate of Colombia\u2069: {new} одобрено (75-0)." in atom


def test_the_calendar_in_arabic_names_the_day_of_entry_into_force(client, geneva):
    response = client.get(f"/processes/{GENEVA}/calendar.ics", {"lang": "ar"})
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any(s.startswith("دخول حيز النفاذ: \u2068Cessation") for s in summaries), summaries


def test_in_arabic_each_signatory_and_third_party_keeps_its_own_direction(client, geneva):
    """Latin names and Arabic roles in one right-to-left line: each name is isolated on its
    own and its role stands beside it in the line's direction, or the bidirectional algorithm
    reorders the list ("Cuba (ضامن)؛" came out scrambled: an analyst's review). A bdi around
    the whole list (or around a name and its role) set it left to right, last name first,
    for a right-to-left reader (a second review)."""
    page = text(client, "/ar/agreements/")
    # Two signatories, each isolated, with the Arabic comma between them, in no bdi together.
    assert re.search("\u2068[^\u2069<]+\u2069\u060c \u2068[^\u2069<]+\u2069", page)
    assert "\u2068Cuba\u2069 (ضامن)" in page
    assert "\u2068Norway\u2069 (ضامن)" in page
    assert "<bdi>\u2068" not in page


def test_in_french_a_breach_alleged_by_two_agrees_with_them(client, geneva):
    """ "Saudi Arabia, United States a allégué..." put two subjects under a singular verb; the
    French sentence now hangs on the breach ("violation ... alléguée par"), right for one actor
    or several (an analyst's review)."""
    page = text(client, "/fr/processes/sudan-talks-jeddah/")
    assert "alléguée par" in page
    assert "a allégué" not in page


def test_in_french_a_referendums_shares_have_a_decimal_comma(client, geneva):
    """ "Non 50.21 %" read as English in a French page: the shares are written the reader's
    way, on the board's table and in the feed alike (an analyst's review)."""
    page = text(client, "/fr/agreements/")
    assert "50,21 %" in page
    assert "50.21 %" not in page
    atom = text(client, f"/processes/{HAVANA}/agreements.atom", lang="fr")
    assert "49,78 %" in atom
    assert "49.78 %" not in atom


def test_a_referendum_s_answers_are_the_ballot_s_and_the_admin_keeps_its_yes_and_no(
    client, admin_client, geneva
):
    """The board's "yes 49,78 %" is the ballot's answer: in Russian "за", in Chinese "赞成".
    Given without a context, those words replaced Django's own "Да"/"是" on every yes-or-no
    filter of the admin (a review found "is staff: За / Против"), as the picture's "All" (the
    whole history: "Всё") replaced the filters' "Все"."""
    answers = {
        "ru": ("за 49,78", "против 50,21", "Все", "Да", "Нет"),
        "zh-hans": ("赞成", "反对", "全部", "是", "否"),
    }
    for language, (yes, no, *admin_words) in answers.items():
        page = text(client, f"/{language}/agreements/")
        assert yes in page
        assert no in page
        users = admin_client.get("/admin/auth/user/", HTTP_ACCEPT_LANGUAGE=language)
        changelist = users.context["cl"]
        staff_filter = next(s for s in changelist.filter_specs if s.field_path == "is_staff")
        with translation.override(language):  # lazy words, said as the page said them
            offered = [str(choice["display"]) for choice in staff_filter.choices(changelist)]
        # Django's own "All" too, not the picture's "everything" ("Всё").
        assert offered == admin_words, offered


def test_in_russian_a_breach_and_a_process_s_description_read_as_russian_writes_them(
    client, geneva
):
    """A review of composed sentences: "Заявление о нарушении … стороной SAF, RSF" put two
    accused under a singular and hid who alleged it, and the description's heading said "О
    проекте" ("about the site", the menu's word)."""
    page = text(client, "/ru/processes/sudan-talks-jeddah/")
    assert "заявление о нарушении" in page
    assert "со стороны" in page
    assert "стороной" not in page
    assert "<dt>Описание</dt>" in client.get("/ru/processes/sudan-talks-jeddah/").content.decode()
