"""pydantic's refusal of a body in the tracker's words, by field path: the messages of the
tracker's own rules as they raised them (`body_fields.refuse`), pydantic's own in a few
plain words; each one something an entry point can say again in its reader's language."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .body_fields import OBJECT, TOO_LONG
from .errors import InvalidEvent, Words
from .vocabulary import gettext_noop

_MESSAGES = {
    "missing": gettext_noop("This field is required."),
    "extra_forbidden": gettext_noop("Unknown field."),
    "model_type": OBJECT,
    "dict_type": OBJECT,
    "list_type": gettext_noop("Must be a list."),
    "string_type": gettext_noop("Must be a string."),
}


def _path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _message(error: ErrorDetails) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    words = ctx.get("words")
    if isinstance(words, str):  # a refusal of ours (`refuse`)
        return words
    if kind in ("too_long", "string_too_long") and isinstance(error["input"], str):
        return Words(
            TOO_LONG,
            max=ctx["max_length"],
            got=len(error["input"]),
        )
    return _MESSAGES.get(kind, error["msg"])


def refusal_of(error: ValidationError) -> InvalidEvent:
    """pydantic's refusal of a body, in the tracker's words, by field path."""
    by_field: dict[str, list[str]] = {}
    for e in error.errors(include_url=False):
        field = (e.get("ctx") or {}).get("field")
        path = _path((field, *e["loc"]) if field else e["loc"]) or "non_field_errors"
        by_field.setdefault(path, []).append(_message(e))
    return InvalidEvent(by_field)
