"""An agreement known to its month reads as a month on the date the reader picks: "en vigueur
depuis le octobre 2016", "en vigor desde el octubre de 2016", "в силе с Октябрь 2016" and
"signé le octobre 2016" took the words of a day (a review of this round's change: the fix
that "since" had on the board was not made here)."""

from datetime import date

import pytest
from django.utils import translation

from board.agreement_items import on_date_text

IN_FORCE = {
    "status": "in_force",
    "in_force_on": date(2016, 10, 1),
    "in_force_on_precision": "month",
    "votes": [],
}
SIGNED = {
    "status": "signed",
    "signed_on": date(2016, 10, 1),
    "signed_on_precision": "month",
    "votes": [],
}


# In force since, then signed, as each language says a month.
SAID = {
    "en": ("in force since Oct 2016", "signed Oct 2016"),
    "fr": ("en vigueur depuis octobre 2016", "signé en octobre 2016"),
    "es": ("en vigor desde octubre de 2016", "firmado en octubre de 2016"),
    "ru": ("в силе с октября 2016", "подписано: октябрь 2016"),
}


@pytest.mark.parametrize("language", list(SAID))
def test_a_month_takes_a_month_s_words(language):
    with translation.override(language):
        assert (on_date_text(IN_FORCE), on_date_text(SIGNED)) == SAID[language]


def test_a_day_keeps_a_day_s_words():
    day = {**IN_FORCE, "in_force_on": date(2016, 10, 7), "in_force_on_precision": "day"}
    with translation.override("fr"):
        assert on_date_text(day) == "en vigueur depuis le 7 octobre 2016"
