"""The field types of event bodies (`bodies`): each carries its rule and its own message,
so that a refusal reads as the tracker's, not as pydantic's, and a `Kind` that tells the
admin forms and the importer what the field holds."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from .errors import Words
from .text_rules import BIDI_CONTROLS, text_refusal
from .vocabulary import (
    AGREEMENT_STAGES,
    CAUSE_CATEGORIES,
    CONCLUDED,
    END_REASONS,
    LANGUAGES,
    OUTCOMES,
    STANCES,
    TALK_FORMATS,
    THIRD_PARTY_ROLES,
    VOTE_RESULTS,
    AgreementStage,
    CauseCategory,
    Concluded,
    EndReason,
    Language,
    Outcome,
    Stance,
    TalkFormat,
    ThirdPartyRole,
    VoteResult,
    gettext_noop,
)

NAME_MAX = 200
SLUG_MAX = 100
SHORT_TEXT_MAX = 200
TEXT_MAX = 2000
NOTE_MAX = 10_000
URL_MAX = 2000
LIST_MAX = 50

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits: "٢٠١٦-..." is not a form
SLUG = re.compile(SLUG_PATTERN)
NOT_A_SLUG = gettext_noop("Must be a slug: lowercase letters, digits and hyphens.")
TOO_LONG = gettext_noop("At most %(max)s characters (got %(got)s).")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


OBJECT = gettext_noop("Must be an object.")


class Kind:
    """What a field holds, beyond its Python type: read by the admin forms and the importer."""

    def __init__(self, name: str) -> None:
        self.name = name


def refuse(kind: str, message: str, *, field: str = "") -> PydanticCustomError:
    """pydantic's error for a refusal in the tracker's words: `message` is a `Words`, or a
    fixed text marked with `gettext_noop`. It travels whole in the error's context, so that
    an entry point can say it again in its reader's language (`body_refusals.refusal_of`, then
    `presentation.refusals.say_again`); `field` names the field a whole-body rule refuses."""
    context: dict[str, Any] = {"words": message}
    if field:
        context["field"] = field
    return PydanticCustomError(kind, "{words}", context)


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(Words(gettext_noop("Enter a date as YYYY-MM-DD.")))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            Words(gettext_noop("%(value)s is not a real date."), value=value)
        ) from None


def _unless_empty(required: bool, empty: Any, check: Callable[[Any], Any]) -> BeforeValidator:
    """A field's validator: an empty value (None or "") is missing if `required`, else `empty`;
    any other value is `check`'s to refuse or to clean."""

    def validate(value: Any) -> Any:
        if _is_empty(value):
            if required:
                raise refuse("missing", gettext_noop("This field is required."))
            return empty
        return check(value)

    return BeforeValidator(validate)


def _date(required: bool) -> BeforeValidator:
    def check(value: Any) -> date:
        try:
            return parse_date(value)
        except ValueError as e:
            raise refuse("date", e.args[0]) from None

    return _unless_empty(required, None, check)


def _text(required: bool, *, label: bool = False) -> BeforeValidator:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise refuse("string_type", gettext_noop("Must be a string."))
        text = value.strip()
        if required and not text:
            raise refuse("blank", gettext_noop("This field may not be blank."))
        return text

    def validate(value: Any, info: ValidationInfo) -> Any:
        if _is_empty(value):  # as `_unless_empty`, which has no `info` to hand on
            if required:
                raise refuse("missing", gettext_noop("This field is required."))
            return ""
        text = check(value)
        # History restored from an export meets only what no database can store (`specs.
        # parse_body`'s `restoring`): a stored event is never validated again by a newer rule.
        restoring = bool((info.context or {}).get("restoring"))
        refusal = text_refusal(text, label=label, restoring=restoring) if text else None
        if refusal:
            raise refuse(*refusal)
        return text

    return BeforeValidator(validate)


def _slug(required: bool) -> BeforeValidator:
    def check(value: Any) -> Any:
        # fullmatch: `$` also matches before a final newline ("turkey\n" was a slug).
        if not isinstance(value, str) or not SLUG.fullmatch(value):
            raise refuse("slug", NOT_A_SLUG)
        if len(value) > SLUG_MAX:  # a slug, too long: said so (it was "must be a slug")
            said = TOO_LONG
            raise refuse("too_long", Words(said, max=SLUG_MAX, got=len(value)))
        return value

    return _unless_empty(required, "", check)


# Not in a new URL: `<`, `>` and `"` end the `<...>` a calendar or a plain-text email puts a
# link in, and a bidirectional control shows `report-\u202efdp.exe` as "report-exe.pdf" (a
# feed subscriber's outside test); a URL carries them percent-encoded.
_URL_DELIMITERS = frozenset('<>"')


def _url(value: str, info: ValidationInfo) -> str:
    if value and not _URL.match(value):
        raise refuse("url", gettext_noop("Enter a valid http(s) URL."))
    context = info.context or {}
    if context.get("restoring") or context.get("stored"):  # never validated again: as it was
        return value
    found = sorted((_URL_DELIMITERS | BIDI_CONTROLS).intersection(value))
    if found:
        named = ", ".join(
            f"U+{ord(c):04X}" + (f" ({c})" if c in _URL_DELIMITERS else "") for c in found
        )
        raise refuse(
            "url",
            Words(
                gettext_noop(
                    "Contains %(named)s, which a URL carries percent-encoded (%%3C for <): "
                    "encode it or remove it."
                ),
                named=named,
            ),
        )
    return value


def _sequence(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise refuse("sequence", gettext_noop("Must be a positive integer (a sequence number)."))
    return value


def _choice(choices: tuple[str, ...], required: bool) -> BeforeValidator:
    def check(value: Any) -> Any:
        if value not in choices:
            raise refuse(
                "choice",
                Words(gettext_noop("Must be one of: %(choices)s."), choices=", ".join(choices)),
            )
        return value

    return _unless_empty(required, "", check)


def _list(required: bool, message: str = "") -> tuple[BeforeValidator, AfterValidator, FieldInfo]:
    """A list of at most LIST_MAX items; `message` refuses an empty one."""

    def before(value: Any) -> Any:
        if value is None:
            if required:
                raise refuse("missing", gettext_noop("This field is required."))
            return []
        if not isinstance(value, list):
            raise refuse("list_type", gettext_noop("Must be a list."))
        if len(value) > LIST_MAX:
            raise refuse("too_long", Words(gettext_noop("At most %(max)s items."), max=LIST_MAX))
        return value

    def after(value: list[Any]) -> list[Any]:
        if message and not value:
            raise refuse("too_short", message)
        return value

    extra: JsonDict | None = {"minItems": 1} if message else None
    return BeforeValidator(before), AfterValidator(after), Field(json_schema_extra=extra)


def optional(info: FieldInfo, default: Any = None) -> tuple[Any, FieldInfo]:
    """A model field, the same but optional: for corrections' changes and shown events."""
    field = copy.copy(info)
    field.default = default
    return info.annotation, field


# No vote counts more people than the world holds (8.2 billion in 2025): a count above this is
# a typing error, and one past 64 bits could not even be stored.
COUNT_MAX = 10_000_000_000


def digits(text: str) -> bool:
    """Whether `text` is a whole number written in ASCII digits, as every count and position
    the tracker reads from text is (a CSV cell, a query): Python's int() also reads "٥", " 5"
    and "1_0"."""
    return text.isascii() and text.isdigit()


def _count(value: Any) -> int:
    """A count of votes or people: a whole number, sent as a number or as digits (CSV)."""
    if isinstance(value, str) and digits(value.strip()):
        text = value.strip()
        value = int(text) if len(text) <= len(str(COUNT_MAX)) else COUNT_MAX + 1
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
        raise refuse(
            "count",
            Words(gettext_noop("Must be a whole number from 0 to %(max)s."), max=f"{COUNT_MAX:,}"),
        )
    return value


_SHARE = gettext_noop("Must be a percentage between 0 and 100.")


def _share(value: Any) -> float:
    """A share in percent (50.21), sent as a number or as text (CSV)."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise refuse("share", _SHARE) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise refuse("share", _SHARE)
    return float(value)


def _distinct(slugs: list[str]) -> list[str]:
    if len(set(slugs)) != len(slugs):
        raise refuse("duplicate", gettext_noop("An actor is listed twice."))
    return slugs


def _changes(value: Any) -> Any:
    if not isinstance(value, dict):
        raise refuse("dict_type", OBJECT)
    if not value:
        raise refuse("empty", gettext_noop("Name at least one field to change."))
    return value


# Each field type is a static `Annotated` alias, so that a type checker knows what the field
# holds (a str, a date, one of the choices); its metadata carries the rule and the `Kind`.


def _text_rules(
    max_length: int, *, required: bool, label: bool = False
) -> tuple[Kind, BeforeValidator, StringConstraints]:
    """Text, stripped; required text may not be blank; a name or a short label (`label`)
    may not hold a bidirectional control."""
    length = StringConstraints(min_length=1 if required else 0, max_length=max_length)
    return Kind("text"), _text(required, label=label), length


Text = Annotated[str, *_text_rules(TEXT_MAX, required=True)]
OptionalText = Annotated[str, *_text_rules(TEXT_MAX, required=False)]
ShortText = Annotated[str, *_text_rules(SHORT_TEXT_MAX, required=True, label=True)]
OptionalShortText = Annotated[str, *_text_rules(SHORT_TEXT_MAX, required=False, label=True)]
NameText = Annotated[str, *_text_rules(NAME_MAX, required=True, label=True)]
OptionalNameText = Annotated[str, *_text_rules(NAME_MAX, required=False, label=True)]
# A headline: one line, as a name, but as long as text.
OptionalHeadline = Annotated[str, *_text_rules(TEXT_MAX, required=False, label=True)]
UrlText = Annotated[str, *_text_rules(URL_MAX, required=True)]
OptionalNote = Annotated[str, *_text_rules(NOTE_MAX, required=False)]
_SLUG_SCHEMA = Field(max_length=SLUG_MAX, json_schema_extra={"pattern": SLUG_PATTERN})
# An optional slug may be sent (and is shown) empty.
_OPTIONAL_SLUG_SCHEMA = Field(
    max_length=SLUG_MAX, json_schema_extra={"pattern": f"^(?:{SLUG_PATTERN[1:-1]})?$"}
)
OptionalSlug = Annotated[str, Kind("slug"), _slug(required=False), _OPTIONAL_SLUG_SCHEMA]
ActorSlug = Annotated[str, Kind("actor"), _slug(required=True), _SLUG_SCHEMA]
OptionalActorSlug = Annotated[str, Kind("actor"), _slug(required=False), _OPTIONAL_SLUG_SCHEMA]
AgreementSlug = Annotated[str, Kind("slug"), _slug(required=True), _SLUG_SCHEMA]
WorldDate = Annotated[date, Kind("date"), _date(required=True)]
OptionalDate = Annotated[date | None, Kind("date"), _date(required=False)]
Sequence = Annotated[
    int, Kind("sequence"), BeforeValidator(_sequence), Field(json_schema_extra={"minimum": 1})
]
OptionalCount = Annotated[
    int | None,
    Kind("count"),
    _unless_empty(False, None, _count),
    Field(json_schema_extra={"minimum": 0, "maximum": COUNT_MAX}),
]
OptionalShare = Annotated[
    float | None,
    Kind("share"),
    _unless_empty(False, None, _share),
    Field(json_schema_extra={"minimum": 0, "maximum": 100}),
]
OptionalUrl = Annotated[  # no "uri" format in the schema: it may be sent (and shown) empty
    str,
    Kind("url"),  # text, but read left to right in any language (the first Kind is its kind)
    *_text_rules(URL_MAX, required=False),
    AfterValidator(_url),
    Field(json_schema_extra={"pattern": "^(?:https?://\\S+)?$"}),
]
Changes = Annotated[
    dict[str, Any],
    Kind("changes"),
    BeforeValidator(_changes),
    Field(json_schema_extra={"minProperties": 1}),  # `_changes` refuses none
]


def _choice_rules(choices: tuple[str, ...], *, required: bool) -> tuple[Kind, BeforeValidator]:
    """The rules of a choice; its `Literal` (the schema's enum) is the alias's type."""
    return Kind("choice"), _choice(choices, required)


CauseCategoryChoice = Annotated[
    CauseCategory, *_choice_rules(tuple(CAUSE_CATEGORIES), required=True)
]
OutcomeChoice = Annotated[Outcome, *_choice_rules(OUTCOMES, required=True)]
StanceChoice = Annotated[Stance, *_choice_rules(STANCES, required=True)]
LanguageChoice = Annotated[Language, *_choice_rules(LANGUAGES, required=True)]
StageChoice = Annotated[AgreementStage, *_choice_rules(AGREEMENT_STAGES, required=True)]
ThirdPartyRoleChoice = Annotated[ThirdPartyRole, *_choice_rules(THIRD_PARTY_ROLES, required=True)]
VoteResultChoice = Annotated[VoteResult, *_choice_rules(VOTE_RESULTS, required=True)]
EndReasonChoice = Annotated[EndReason, *_choice_rules(END_REASONS, required=True)]
ConcludedChoice = Annotated[Concluded, *_choice_rules(CONCLUDED, required=True)]
# An optional choice may be sent empty: "" is one of its values.
OptionalTalkFormat = Annotated[
    Literal[TalkFormat, ""], *_choice_rules(TALK_FORMATS, required=False)
]

Actors = Annotated[
    list[ActorSlug], Kind("actors"), *_list(required=True), AfterValidator(_distinct)
]
OptionalActors = Annotated[
    list[ActorSlug], Kind("actors"), *_list(required=False), AfterValidator(_distinct)
]
