"""Reading a Chinese page, feed or digest for a space after full-width punctuation, which
holds its own (tests of the board and of the digests)."""

import html
import re


def spaced_after_full_width(page: str) -> list[str]:
    """Where a space follows full-width punctuation, or a closing tag after it, before
    inline text (a space before a block, such as a <div>, is never shown); an escaped
    space in a feed or a calendar too."""
    page = html.unescape(page)
    block = r"(?!<(?:div|p|li|ul|ol|table|tr|td|th|h\d|section|footer|br)\b)"
    return re.findall(rf".{{0,30}}[：，。；、](?:</[a-z]+>)* {block}.{{0,30}}", page)
