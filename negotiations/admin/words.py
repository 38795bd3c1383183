"""The admin's words for the domain's names: each field of an event type, each choice, each
event type and status, in the reader's language.

The field labels, choices, types and statuses are `presentation.labels`' tables (the domain
names its fields in code, not in words), translated when shown.
Everything is lazy: a form class is built once, and each page says it in its reader's
language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext

from negotiations.domain.vocabulary import LANGUAGES
from negotiations.presentation import labels

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


# A field's label, lazily (`presentation.labels.field_label`;
# `tests/admin/test_record_forms_speak_the_reader_s_language.py` fails on a field of a new
# event type that has none there).
field_label = lazy(labels.field_label, str)


def _translated(label: str) -> str:
    return capfirst(gettext(label))


_lazily = lazy(_translated, str)


def _choice(value: str) -> str:
    said = labels.choice_label(value)
    # A language keeps its own name as its language writes it ("español", "français").
    return said if value in LANGUAGES else capfirst(said)


# The domain's words as `presentation.labels` says them, lazily (a form class is built
# once); a choice begins with a capital, as the admin's lists and pickers show it.
choice_label = lazy(_choice, str)
event_label = lazy(labels.event_label, str)
status_label = labels.status_word  # a status as a sentence says it ("suspended")


def described(text: str) -> StrOrPromise:
    """A help text or intro of the domain (marked there with its `gettext_noop`)."""
    return _lazily(text) if text else text
