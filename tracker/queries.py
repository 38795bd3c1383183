"""A query parameter with the values it may take, read the same way by every page, feed and
API view that takes it (the board's filters, `?lang=`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.translation import pgettext

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Choice:
    """A filter a page reads from its query: the parameter's name, the values it may take, and
    the refusal of another value, said with the value under `name` and the choices, listed,
    under `listed` (a filter the page cannot apply is refused by name; the page answers 400)."""

    name: str
    choices: Collection[str]
    refusal: StrOrPromise  # gettext_lazy: said in the reader's language
    listed: str = "choices"
    any_case: bool = False  # "zh-Hans" is "zh-hans" (a language tag, BCP 47)
    # Each choice as the page's own menu words it, its value beside it: "Paused (paused)".
    # A reader was told the values only, words the page never showed them (an Arabic
    # reader's outside test).
    label: Callable[[str], str] | None = None
    # Another spelling of a choice, as the choice ("zh-CN" is "zh-hans"), or as given.
    alias: Callable[[str], str] | None = None

    def read(self, request: HttpRequest, errors: list[str]) -> str:
        """The value asked for, or "" when none is or it is refused (added to `errors`)."""
        value = request.GET.get(self.name, "")
        if self.any_case:
            value = value.lower()
        if value and self.alias is not None and value not in self.choices:
            value = self.alias(value)
        if not value or value in self.choices:
            return value
        listed = pgettext("between names in a list", ", ").join(map(self._shown, self.choices))
        errors.append(str(self.refusal) % {self.name: echoed(value), self.listed: listed})
        return ""

    def _shown(self, choice: str) -> str:
        if self.label is None:
            return choice
        opening = pgettext("an opening bracket", " (")
        return f"{self.label(choice)}{opening}{choice}{pgettext('a closing bracket', ')')}"


# The most of a refused value a refusal repeats.
ECHOED_MAX = 40


def echoed(value: str) -> str:
    """A refused value as a refusal repeats it: at most ECHOED_MAX characters, a control or
    format character (U+202E, which reverses what follows it) named `\\u202e` instead. A
    refused `?lang=` of 5,000 characters came back whole, and U+202E as it was (a feed
    subscriber's outside test)."""
    shown = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf") else c
        for c in value[:ECHOED_MAX]
    )
    return shown + "…" if len(value) > ECHOED_MAX else shown
