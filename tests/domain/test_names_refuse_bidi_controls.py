"""Names and short labels cannot hold the Unicode bidirectional controls that reverse the text
around them wherever they are printed (an Atom title, a plain-text email); ordinary Arabic and
Hebrew text is welcome (issue 23)."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import parse_body
from tests.factories import body_for, opening

CONTROLS = [
    "\u202e",
    "\u202d",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u200f",
    "\u200e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u061c",
]


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", ["name", "conflict"])
def test_a_process_name_with_a_bidi_control_is_refused(field, control):
    with pytest.raises(InvalidEvent) as refusal:
        parse_body("process_opened", opening(**{field: f"Talks {control}sklat", "slug": "t"}))
    assert f"U+{ord(control):04X}" in refusal.value.errors[field][0]


@pytest.mark.parametrize(
    ("event_type", "field"),
    [("talks_convened", "venue"), ("talks_concluded", "agreement_title")],
)
def test_labels_of_events_refuse_bidi_controls(event_type, field):
    body = body_for(event_type, **{field: "Geneva\u202e"})
    if event_type == "talks_concluded":
        body["outcome"] = "agreement"
    with pytest.raises(InvalidEvent) as refusal:
        parse_body(event_type, body)
    assert "RIGHT-TO-LEFT OVERRIDE" in refusal.value.errors[field][0]


def test_a_source_outlet_refuses_bidi_controls():
    body = body_for("talks_convened")
    body["sources"] = [{"url": "https://example.org/a", "outlet": "\u202eWire"}]
    with pytest.raises(InvalidEvent) as refusal:
        parse_body("talks_convened", body)
    assert "sources[0].outlet" in refusal.value.errors


@pytest.mark.parametrize("name", ["محادثات جنيف", "שיחות ז'נבה", "Geneva talks (جنيف) 2016"])
def test_arabic_and_hebrew_names_are_accepted(name):
    assert parse_body("process_opened", opening(name=name, slug="t"))["name"] == name


@pytest.mark.parametrize("slug", ["talks\u202e", "\u200fgeneva", "محادثات"])
def test_a_slug_holds_only_lowercase_ascii_letters_digits_and_hyphens(slug):
    with pytest.raises(InvalidEvent) as refusal:
        parse_body("process_opened", opening(slug=slug))
    assert "Must be a slug" in refusal.value.errors["slug"][0]
