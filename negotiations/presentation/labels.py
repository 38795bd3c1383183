"""The domain's stored words in the reader's language: an event type, a status, a choice, a
stated cause's category. The tables are the domain's (`registry.EVENT_LABELS`,
`vocabulary`); this is the one place they are translated, for the board and its feeds, the
digests, the refusals and the admin (which wraps these lazily). A value no table knows is
shown as stored, its underscores as spaces."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import get_language_info, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.vocabulary import (
    CAUSE_CATEGORIES,
    CHOICE_LABELS,
    LANGUAGES,
    STATUS_LABELS,
)
from negotiations.presentation.direction import left_to_right_in_bidi

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _as_stored(value: str | None) -> str:
    return (value or "").replace("_", " ")


def event_label(event_type: str | None) -> str:
    """'Talks paused', 'Pourparlers en pause'."""
    label = EVENT_LABELS.get(event_type or "")
    return _(label) if label else _as_stored(event_type).capitalize()


def status_label(status: str | None) -> str:
    """A status as a heading or a badge says it: 'Paused', 'En pause', 'متوقفة مؤقتاً'."""
    label = STATUS_LABELS.get(status or "")
    return _(label) if label else _as_stored(status).capitalize()


def status_word(status: str | None) -> str:
    """A status as a sentence says it: 'paused', 'en pause'."""
    label = STATUS_LABELS.get(status or "")
    return _(label).lower() if label else _as_stored(status)


def choice_label(value: str | None) -> str:
    """A stance, a format, an outcome, an actor's kind, a role, a cause's category, as a
    sentence says it; a language by its own name ('العربية', 'français')."""
    if value in LANGUAGES:
        return str(get_language_info(value)["name_local"])
    label = CHOICE_LABELS.get(value or "") or CAUSE_CATEGORIES.get(value or "")
    return _(label) if label else _as_stored(value)


def category_label(category: str | None) -> str:
    """A stated cause's category: 'Military escalation'."""
    label = CAUSE_CATEGORIES.get(category or "")
    return _(label) if label else _as_stored(category)


# An event's fields by name, as the admin's forms label them and a correction's line names
# what it changed. Lazy: a form class is built once, and says them in each reader's language.
FIELD_LABELS: dict[str, StrOrPromise] = {
    "occurred_on": gettext_lazy("Occurred on"),
    "date_precision": gettext_lazy("Date precision"),
    "sources": gettext_lazy("Sources"),
    "note": gettext_lazy("Note"),
    "causes": gettext_lazy("Stated causes"),
    "name": gettext_lazy("Name"),
    "slug": gettext_lazy("Slug"),
    "conflict": gettext_lazy("Conflict"),
    "description": gettext_lazy("Description"),
    "mediators": gettext_lazy("Mediators"),
    "parties": gettext_lazy("Parties"),
    "scheduled_for": gettext_lazy("Scheduled for"),
    "scheduled_for_precision": gettext_lazy("Precision of the scheduled date"),
    "venue": gettext_lazy("Venue"),
    "format": gettext_lazy("Format"),
    "round": gettext_lazy("Round"),
    "expected_resumption_on": gettext_lazy("Expected to resume on"),
    "expected_resumption_precision": gettext_lazy("Precision of the expected resumption"),
    "outcome": gettext_lazy("Outcome"),
    "agreement_title": gettext_lazy("Title of the agreement"),
    "actor": gettext_lazy("Actor"),
    "stance": gettext_lazy("Stance"),
    "summary": gettext_lazy("Summary"),
    "quote": gettext_lazy("Quote"),
    "joint_with": gettext_lazy("Jointly with"),
    "language": gettext_lazy("Language"),
    "corrects": gettext_lazy("Corrects event"),
    "changes": gettext_lazy("Changes"),
    "reason": gettext_lazy("Reason"),
    "retracts": gettext_lazy("Retracts event"),
    "agreement": gettext_lazy("Agreement"),
    "title": gettext_lazy("Title"),
    "stage": gettext_lazy("Stage"),
    "signatories": gettext_lazy("Signatories"),
    "concluded": gettext_lazy("Signed or agreed"),
    "third_parties": gettext_lazy("Third parties"),
    "text_url": gettext_lazy("URL of the text"),
    "takes_effect_on": gettext_lazy("Takes effect on"),
    "supersedes": gettext_lazy("Supersedes"),
    "body": gettext_lazy("Voting body"),
    "result": gettext_lazy("Result"),
    "votes_for": gettext_lazy("Votes for"),
    "votes_against": gettext_lazy("Votes against"),
    "abstentions": gettext_lazy("Abstentions"),
    "yes_share": gettext_lazy("Yes, in percent of valid votes"),
    "no_share": gettext_lazy("No, in percent of valid votes"),
    "turnout": gettext_lazy("Turnout (%)"),
    "alleged_by": gettext_lazy("Alleged by"),
    "against": gettext_lazy("Against"),
    "end_reason": gettext_lazy("Reason it ended"),
    "ended_by": gettext_lazy("Ended by"),
    "superseded_by": gettext_lazy("Superseded by"),
    "role": gettext_lazy("Role"),
}


# A month and its year in words, as each language writes them in a sentence (Django's
# YEAR_MONTH_FORMAT but for Russian, whose months are in lower case there: "май 2016", not
# the calendar heading's "Май 2016").
MONTHS_IN_WORDS = (
    pgettext_lazy("a month in words", "January %(year)s"),
    pgettext_lazy("a month in words", "February %(year)s"),
    pgettext_lazy("a month in words", "March %(year)s"),
    pgettext_lazy("a month in words", "April %(year)s"),
    pgettext_lazy("a month in words", "May %(year)s"),
    pgettext_lazy("a month in words", "June %(year)s"),
    pgettext_lazy("a month in words", "July %(year)s"),
    pgettext_lazy("a month in words", "August %(year)s"),
    pgettext_lazy("a month in words", "September %(year)s"),
    pgettext_lazy("a month in words", "October %(year)s"),
    pgettext_lazy("a month in words", "November %(year)s"),
    pgettext_lazy("a month in words", "December %(year)s"),
)


def as_date(value: Any) -> date | None:
    """A stored date as a date: a date, or the ISO text a JSON body keeps (None or "": None)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def date_words(day: date, precision: str = "day") -> str:
    """'3 February 2016', or 'October 2016' for a month-precise date, by Django's formats for
    the reader's language ("3 février 2016", "3 فبراير، 2016", "2016年2月3日"; English's are
    tracker/formats/en/): how the board, the feeds, the calendars and the picture's hover
    texts write a date. The first of a month takes the catalogue's own format, for the
    languages that write it as an ordinal (French "1er juin 2015")."""
    if precision == "month":
        return str(MONTHS_IN_WORDS[day.month - 1]) % {"year": day.year}
    if day.day == 1:
        # Translators: a Django date format (docs: "date" template filter) for the first day
        # of a month. Keep DATE_FORMAT unless the first is written otherwise: French "j\e\r F Y".
        return formats.date_format(day, pgettext("the first day of a month", "DATE_FORMAT"))
    return formats.date_format(day, "DATE_FORMAT")


ENGLISH_MONTHS = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def short_date(day: date, precision: str = "day") -> str:
    """'3 Feb 2016', or 'Feb 2016' for a month-precise date: the board's lists and the digests
    write a date so. Abbreviated months are English's; another language writes the date in
    words (`date_words`: "3 février 2016")."""
    if translation.get_language() != settings.LANGUAGE_CODE:
        return date_words(day, precision)
    month = ENGLISH_MONTHS[day.month]
    return f"{month} {day.year}" if precision == "month" else f"{day.day} {month} {day.year}"


def short_date_after_since(day: date, precision: str = "day") -> str:
    """`short_date` after "since" ("in force since Oct 2016"): another language's month as
    "since" takes it (`month_after_since`: Russian "с октября 2016")."""
    if precision == "month" and translation.get_language() != settings.LANGUAGE_CODE:
        return month_after_since(day)
    return short_date(day, precision)


def in_brackets(note: str) -> str:
    """' (note)' as the reader's language sets a note beside a word: Chinese writes
    '（note）', full-width and with no space before it (the templates use the same entries)."""
    # (Not inside an f-string: xgettext would not see the entries there.)
    opening = pgettext("an opening bracket", " (")
    closing = pgettext("a closing bracket", ")")
    return opening + note + closing


def sentences(*said: str) -> str:
    """Sentences one after another, as the reader's language sets them: a space between
    them ("Paused. Expected to resume…"), none in Chinese, whose "。" holds its own. An empty
    one is left out."""
    text = ""
    for sentence in said:
        if sentence and text:
            # Translators: two sentences one after the other; Chinese sets no space after "。".
            joined = pgettext("two sentences, one after the other", "%(first)s %(second)s")
            text = joined % {"first": text, "second": sentence}
        elif sentence:
            text = sentence
    return text


def names_comma(names: Iterable[str] = ()) -> str:
    """What stands between names in a list (", "; Chinese "、", which "，" is not); between
    `names` of which one holds a comma ("Olusegun Obasanjo, AU High Representative for the
    Horn of Africa"), what sets such names apart ("; "): a reader could not tell where one
    ended (a reader's outside test in Spanish)."""
    if any("," in name or "،" in name for name in names):
        return pgettext("between names that hold commas", "; ")
    return pgettext("between names in a list", ", ")


def full_stop() -> str:
    """The end of a sentence in the reader's language ('.', Chinese '。')."""
    return pgettext("the end of a sentence", ".")


# The parts of a range of days in one month, and in one year: the first day's Django date
# format (the first of a month apart, for French "1er"), the last day's, and what stands
# between them.
_WITHIN_ONE_MONTH = (
    # Translators: a Django date format (docs: "date" template filter) for the first day of
    # a month opening a range within it, which its last day completes: "j" (French
    # "j\e\r"; Chinese, whose range opens with the year and month, "Y年n月j日").
    pgettext_lazy("the first day of a month, opening a range within it", "j"),
    # Translators: a Django date format for the first day of a range within one month,
    # which its last day completes: "j" (Chinese "Y年n月j日").
    pgettext_lazy("the first day of a range within one month", "j"),
    # Translators: a Django date format for the last day of a range within one month: the
    # language's DATE_FORMAT, unless the first day said the month and year (Chinese "j日").
    pgettext_lazy("the last day of a range within one month", "DATE_FORMAT"),
    # Translators: what stands between the days of a range within one month ("1–7 February
    # 2016"; Chinese "至").
    pgettext_lazy("between the days of a range within one month", "–"),
)
_WITHIN_ONE_YEAR = (
    # Translators: a Django date format for the first day of a month opening a range that
    # ends in a later month of the same year: "j F" (French "j\e\r F", Spanish "j \d\e F",
    # Russian "j E"; Chinese, whose range opens with the year, "Y年n月j日").
    pgettext_lazy("the first day of a month, opening a range within one year", "j F"),
    # Translators: a Django date format for the first day of a range that ends in a later
    # month of the same year: "j F" (Spanish "j \d\e F", Russian "j E"; Chinese "Y年n月j日").
    pgettext_lazy("the first day of a range within one year", "j F"),
    # Translators: a Django date format for the last day of a range within one year: the
    # language's DATE_FORMAT, unless the first day said the year (Chinese "n月j日").
    pgettext_lazy("the last day of a range within one year", "DATE_FORMAT"),
    # Translators: what stands between the days of a range within one year ("29 January – 4
    # February 2016"; Chinese "至").
    pgettext_lazy("between the days of a range within one year", " – "),
)


def range_of_days(first: date, last: date) -> str:
    """Two days as a range, what they share said once: "1er–7 février 2016", "29 janvier – 4
    février 2016", "2016年2月1日至7日", "2016年1月29日至2月4日", "2015年12月29日至2016年1月4日".
    The formats of the first and the last day and what stands between them are the
    catalogue's, since the order differs (Chinese opens with the year). English's is the
    digest's own ("1–7 Feb 2016"). Django's own MONTH_DAY_FORMAT would not do: "1 Февраль"
    in Russian, "02月1日" in Chinese."""
    if first.year != last.year:
        # Translators: what stands between the days of a range over two years ("29 December
        # 2015 – 4 January 2016"; Chinese "至").
        between = pgettext("between the days of a range over two years", " – ")
        return date_words(first) + between + date_words(last)
    parts = _WITHIN_ONE_MONTH if first.month == last.month else _WITHIN_ONE_YEAR
    first_of_a_month, first_day, closing, between_days = (str(part) for part in parts)
    opening = first_of_a_month if first.day == 1 else first_day
    if last.day == 1:  # only a range into a later month ends on the first of one
        # Translators: a Django date format for the first day of a month closing a range that
        # began in an earlier month of the same year: DATE_FORMAT (French "j\e\r F Y";
        # Chinese, whose range opened with the year, "n月j日").
        closing = pgettext(
            "the first day of a month, closing a range within one year", "DATE_FORMAT"
        )
    return formats.date_format(first, opening) + between_days + formats.date_format(last, closing)


def month_after_since(day: date) -> str:
    """A month as "since" takes it: "octobre 2016", but Russian's genitive "октября 2016" (its
    standalone month, "Октябрь 2016", after "с" read "с Октябрь 2016"). The format is the
    catalogue's, for the languages whose month changes after the word."""
    # Translators: a Django date format (docs: "date" template filter) for a month after
    # "since". Keep YEAR_MONTH_FORMAT unless the month changes there: Russian "E Y".
    return formats.date_format(day, pgettext("a date format", "YEAR_MONTH_FORMAT"))


def field_label(name: str) -> str:
    """A field's label in the reader's language ("Venue", "Lieu"); one no table knows, as
    stored with its underscores as spaces."""
    return str(FIELD_LABELS.get(name) or _as_stored(name).capitalize())


class ReadersVoice:
    """What every reader's `Voice` (`domain/telling.py`) says alike: a stored choice in
    words, a number written the reader's way ("49,78" in French), a message in the reader's
    language. The board's and the digest's voices add how they show names and dates."""

    def choice(self, value: str | None) -> str:
        return choice_label(value)

    def number(self, text: str) -> str:
        return formats.number_format(text)

    def gettext(self, message: str) -> str:
        return _(message)

    def note(self, text: str) -> str:
        return in_brackets(text)

    def tally(self, votes_for: int, votes_against: int) -> str:
        """A vote's figures, "75-0". After Arabic words the bidirectional algorithm takes
        the digits for Arabic numbers, which a hyphen does not join, and showed "0-75": a
        right-to-left reader's tally is isolated left to right (U+2066 ... U+2069)."""
        return left_to_right_in_bidi(f"{votes_for}-{votes_against}")

    def listed(self, names: Iterable[str]) -> str:
        names = list(names)
        return names_comma(names).join(names)

    def field(self, name: str) -> str:
        return field_label(name)
