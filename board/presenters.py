"""Events and dates in words, for the board's pages and its feeds (plain text; the templates
escape it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from negotiations.domain.registry import tell
from negotiations.presentation.direction import isolated
from negotiations.presentation.labels import (  # noqa: F401  (the board's pages use them from here)
    ReadersVoice,
    as_date,
    category_label,
    choice_label,
    date_words,
    event_label,
    month_after_since,
    status_label,
)
from negotiations.presentation.labels import short_date as labels_short_date
from negotiations.read.names import Shown, actor_shown, in_reader_language


def show_date(value: Any, precision: str = "day") -> str:
    """A stored date (or none: '') as `labels.date_words` writes it: '3 February 2016',
    'October 2016' for a month-precise one."""
    day = as_date(value)
    return date_words(day, precision) if day is not None else ""


def on_date(value: Any, precision: str = "day") -> str:
    """'on 25 February 2016', or 'in May 2016' for a month-precise date: what a pause expects
    and when talks are scheduled."""
    shown = show_date(value, precision)
    if not shown:
        return ""
    if precision == "month":
        return _("in %(month)s") % {"month": shown}
    return _("on %(day)s") % {"day": shown}


def expected_back(value: Any, precision: str, *, overdue: bool) -> str:
    """A paused process's expected resumption on a list: 'until 25 Feb 2016', 'overdue
    (expected Sep 2016)', '' for none. A month takes its own words (a context), as the
    languages that put an article or a case before a day ("le", "el") cannot before a
    month ("en septembre", "en septiembre")."""
    day = short_date(value, precision)
    if not day:
        return ""
    if precision == "month":
        said = (
            pgettext("a month", "overdue (expected %(until)s)")
            if overdue
            else pgettext("a month", "until %(until)s")
        )
    else:
        said = _("overdue (expected %(until)s)") if overdue else _("until %(until)s")
    return said % {"until": day}


def since_words(value: Any, precision: str = "day") -> str:
    """'since 3 February 2016', or '' for none; a month takes its own words (a context), as
    the languages that put an article before a day ("desde el 3 de febrero") do not before a
    month ("desde octubre de 2016")."""
    day = as_date(value)
    if day is None:
        return ""
    if precision == "month":
        return pgettext("a month", "since %(since)s") % {"since": month_after_since(day)}
    return _("since %(since)s") % {"since": date_words(day)}


def status_since(status: str, since: str) -> SafeString:
    """The status's badge and since when it holds, in the order of the reader's language:
    "[Paused] since 3 February 2016"; Chinese says the time first ("自 2016年2月3日 起 [暂停]")."""
    badge = format_html('<span class="badge badge-{}">{}</span>', status, status_label(status))
    if not since:
        return badge
    # Translators: a status's badge (%(status)s, "Paused") and since when it holds (%(since)s,
    # "since 3 February 2016"), in the order the language says them.
    order = pgettext("a status and since when", "%(status)s %(since)s")
    parts = {"status": badge, "since": conditional_escape(since)}
    return mark_safe(conditional_escape(order) % parts)  # noqa: S308 - every part escaped


def short_date(value: Any, precision: str = "day") -> str:
    """A stored date (or none: '') as `labels.short_date` writes it: '3 Feb 2016', 'Oct 2016'
    for a month-precise one (English's abbreviations; other languages in full)."""
    day = as_date(value)
    return labels_short_date(day, precision) if day is not None else ""


class _BoardVoice(ReadersVoice):
    """Names and dates as the board shows them: '3 February 2016'."""

    def __init__(self, names: Mapping[str, str], titles: Mapping[str, str]) -> None:
        self.names, self.titles = names, titles

    def who(self, slug: str | None) -> str:
        return isolated(self.names.get(slug or "", slug or ""))

    def agreement(self, slug: str | None) -> str:
        return isolated(self.titles.get(slug or "", slug or ""))

    def date(self, value: Any, precision: str = "day") -> str:
        return show_date(value, precision)

    def text(self, value: Any) -> str:
        return isolated(value)


def describe(
    event_type: str,
    values: dict[str, Any],
    names: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
) -> str:
    """One line saying what an event says, in the domain's words (its registry teller), in
    the reader's language; `titles` names the process's agreements (slug: title)."""
    return tell(event_type, values, _BoardVoice(names, titles or {})).line


def name_html(shown: Shown) -> SafeString:
    """A name as `name_in` shows it: isolated (`<bdi>`, whose direction is `auto` by HTML's
    own rule), marked with its language when known, and the original beside it where it
    differs."""
    marked = _isolated(shown.name, shown.lang)
    if not shown.original:
        return marked
    return format_html('{} <span class="muted">({})</span>', marked, _isolated(shown.original, ""))


def _isolated(name: str, lang: str) -> SafeString:
    if lang:
        return format_html('<bdi lang="{}">{}</bdi>', lang, name)
    return format_html("<bdi>{}</bdi>", name)


def names_in_language(
    registry_names: dict[str, str], actor_names: dict[str, dict[str, str]]
) -> dict[str, str]:
    """Each of these actors by the name a process's events give it in the reader's language,
    else the registry's: what a page says of them beside its summary."""
    return {slug: actor_shown(slug, registry_names, actor_names).name for slug in registry_names}


def process_shown(process: Any) -> Shown:
    """A process row's name in the reader's language."""
    return in_reader_language(process)


def process_name_text(process: Any) -> str:
    """A process row's name in the reader's language as plain text, where no markup can be
    (a feed's title, a calendar's): isolated, as the Atom entries' titles isolate it."""
    return isolated(process_shown(process).name)
