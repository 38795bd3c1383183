"""A query parameter with the values it may take, read the same way by every page, feed and
API view that takes it (the board's filters, `?lang=`)."""

from __future__ import annotations

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
        errors.append(str(self.refusal) % {self.name: value, self.listed: listed})
        return ""

    def _shown(self, choice: str) -> str:
        if self.label is None:
            return choice
        opening = pgettext("an opening bracket", " (")
        return f"{self.label(choice)}{opening}{choice}{pgettext('a closing bracket', ')')}"
