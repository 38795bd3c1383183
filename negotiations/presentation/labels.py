"""The domain's stored words in the reader's language: an event type, a status, a choice, a
stated cause's category. The tables are the domain's (`registry.EVENT_LABELS`,
`vocabulary`); this is the one place they are translated, for the board and its feeds, the
digests, the refusals and the admin (which wraps these lazily). A value no table knows is
shown as stored, its underscores as spaces."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.vocabulary import (
    CAUSE_CATEGORIES,
    CHOICE_LABELS,
    LANGUAGES,
    STATUS_LABELS,
)


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
