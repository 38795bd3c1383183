"""What the plain-text digest needs beside Django's filters."""

from __future__ import annotations

from django import template

from negotiations.presentation.direction import isolated_in_bidi

register = template.Library()


@register.filter
def hanging(value: object, spaces: int = 4) -> str:
    """Text someone wrote, its second line on indented as its first is in the list: a note
    of two lines broke the digest's list, its second line at the left margin (a feed
    reader's outside test)."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("\n" + " " * int(spaces)).join(lines)


@register.filter
def name(value: object) -> str:
    """A name someone wrote, isolated in a right-to-left digest (U+2068 ... U+2069: plain
    text has no <bdi>); a Latin name inside Arabic words kept its order nowhere else."""
    return isolated_in_bidi(str(value))
