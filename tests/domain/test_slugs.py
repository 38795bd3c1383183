"""A slug is lowercase letters, digits and hyphens, and nothing after them."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import parse_body
from tests.factories import body_for


@pytest.mark.parametrize("slug", ["turkey\n", "talks\n"])
def test_a_slug_with_a_final_newline_is_no_slug(slug):
    """`$` matches before a final newline: "turkey\\n" was taken as an actor (a review)."""
    with pytest.raises(InvalidEvent) as refused:
        parse_body("statement_made", body_for("statement_made", actor=slug))
    assert list(refused.value.errors) == ["actor"]
