"""What the plain-text digest needs beside Django's filters."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def hanging(value: object, spaces: int = 4) -> str:
    """Text someone wrote, its second line on indented as its first is in the list: a note
    of two lines broke the digest's list, its second line at the left margin (a feed
    reader's outside test)."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("\n" + " " * int(spaces)).join(lines)
