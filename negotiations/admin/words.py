"""The admin's words for the domain's names: each field of an event type, each choice, each
event type and status, in the reader's language.

The field labels are defined here, once (the domain names its fields in code, not in words);
the choices, types and statuses are the domain's own label tables, translated when shown.
Everything is lazy: a form class is built once, and each page says it in its reader's
language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from negotiations.domain.vocabulary import LANGUAGES
from negotiations.presentation import labels

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FIELD_LABELS: dict[str, StrOrPromise] = {
    "name": _("Name"),
    "slug": _("Slug"),
    "conflict": _("Conflict"),
    "description": _("Description"),
    "mediators": _("Mediators"),
    "parties": _("Parties"),
    "scheduled_for": _("Scheduled for"),
    "scheduled_for_precision": _("Precision of the scheduled date"),
    "venue": _("Venue"),
    "format": _("Format"),
    "round": _("Round"),
    "expected_resumption_on": _("Expected to resume on"),
    "expected_resumption_precision": _("Precision of the expected resumption"),
    "outcome": _("Outcome"),
    "agreement_title": _("Title of the agreement"),
    "actor": _("Actor"),
    "stance": _("Stance"),
    "summary": _("Summary"),
    "quote": _("Quote"),
    "language": _("Language"),
    "corrects": _("Corrects event"),
    "changes": _("Changes"),
    "reason": _("Reason"),
    "retracts": _("Retracts event"),
    "agreement": _("Agreement"),
    "title": _("Title"),
    "stage": _("Stage"),
    "signatories": _("Signatories"),
    "concluded": _("Signed or agreed"),
    "third_parties": _("Third parties"),
    "text_url": _("URL of the text"),
    "takes_effect_on": _("Takes effect on"),
    "supersedes": _("Supersedes"),
    "body": _("Voting body"),
    "result": _("Result"),
    "votes_for": _("Votes for"),
    "votes_against": _("Votes against"),
    "abstentions": _("Abstentions"),
    "yes_share": _("Yes, in percent of valid votes"),
    "no_share": _("No, in percent of valid votes"),
    "turnout": _("Turnout (%)"),
    "alleged_by": _("Alleged by"),
    "against": _("Against"),
    "end_reason": _("Reason it ended"),
    "ended_by": _("Ended by"),
    "superseded_by": _("Superseded by"),
    "role": _("Role"),
}


def field_label(name: str) -> StrOrPromise:
    """A field's label (`tests/admin/test_record_forms_speak_the_reader_s_language.py` fails
    on a field of a new event type that has none here)."""
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


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
