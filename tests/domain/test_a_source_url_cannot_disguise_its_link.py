"""A source's URL is printed in `<...>` in calendars and plain-text emails: a `>` in it closed
the brackets early (`https://evil.example/>https://un.org/` read as a link to un.org) and a
bidirectional control showed `report-\\u202efdp.exe` as "report-exe.pdf" (a feed subscriber's
outside test). A new URL carries neither; history restored from an export and a stored
correction's changes keep what they hold (a stored event is never validated again)."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import parse_body, read_stored_changes
from tests.factories import SOURCE, body_for


def errors_of(url: str, **context) -> dict:
    body = body_for("talks_convened", sources=[{**SOURCE, "url": url}])
    try:
        parse_body("talks_convened", body, **context)
    except InvalidEvent as e:
        return e.errors
    return {}


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("https://example.org/report-\u202efdp.exe", "U+202E"),
        ("https://evil.example/>https://un.org/", "U+003E (>)"),
        ('https://example.org/"quoted"', 'U+0022 (")'),
        ("https://example.org/a<b", "U+003C (<)"),
        ("https://example.org/\u2066x", "U+2066"),
    ],
)
def test_a_new_url_with_a_delimiter_or_a_bidi_control_is_refused(url, named):
    said = errors_of(url)["sources[0].url"][0]
    assert named in said
    assert "percent-encoded" in said


@pytest.mark.parametrize(
    "url", ["https://example.org/a%3Cb%3E", "https://x.org/a,b;c?q=1&r=(2)", "https://x.org/مرحبا"]
)
def test_an_encoded_url_and_other_characters_are_taken(url):
    assert errors_of(url) == {}


def test_restored_history_and_stored_changes_keep_what_they_hold():
    url = "https://evil.example/>https://un.org/"
    assert errors_of(url, restoring=True) == {}
    changes = {"sources": [{**SOURCE, "url": url}]}
    assert read_stored_changes("talks_convened", changes)["sources"][0]["url"] == url
    assert errors_of(url, partial=True, stored=True) == {}
