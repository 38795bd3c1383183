"""Cells of the CSV the tracker hands to spreadsheets (the API's `?format=csv`, the PA-X
layout export), written so that a spreadsheet never runs one as a formula."""

from __future__ import annotations

import re

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def spreadsheet_cell(text: str) -> str:
    """`text` as a spreadsheet cell: a text starting with `=`, `+`, `-`, `@`, a tab or a
    carriage return gets a leading `'`, so that it is shown as text and never evaluated; a
    number (`-3`, `+1.5`), a date and an empty cell are written as they are."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
