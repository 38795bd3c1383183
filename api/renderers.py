"""The API's own renderers: DRF's JSON written faster, and CSV for spreadsheets.

CSV: one row per item, columns in the order a reader expects (the view names its leading
columns), readable headers ("Status since"), and one cell per field: a list of actors, causes
or sources is written as text in one cell, not spread over dotted columns such as
`parties.1.actor`."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework_csv.renderers import PaginatedCSVRenderer

from negotiations.domain.vocabulary import CAUSE_CATEGORIES

_PLAIN_ONLY = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME
_PLAIN_ONLY |= orjson.OPT_PASSTHROUGH_DATACLASS


class PlainJSONRenderer(JSONRenderer):
    """DRF's `JSONRenderer`, the same bytes, written by orjson (ten times faster) when the
    answer is made of plain values: str, int, bool, None, lists and dicts of them, as a page
    of the process list is (api.representations.summary_page). Anything else, such as an
    error's detail strings (a subclass of str), a date, or indented JSON asked for, is left to
    DRF's renderer. Not for answers that may hold floats: orjson writes some of them in
    another form (1.5e-7 for 1.5e-07, 0.00001 for 1e-05), and NaN as null where DRF refuses."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            text = orjson.dumps(data, default=_not_plain, option=_PLAIN_ONLY)
        except orjson.JSONEncodeError:  # not plain (or an integer wider than 64 bits)
            return super().render(data, accepted_media_type, renderer_context)
        # What DRF escapes too, for JSON that is a strict subset of JavaScript (one scan for
        # the two separators' first bytes, U+2000-U+203F, where most text has none).
        if b"\xe2\x80" in text:
            text = text.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
        return text


def _not_plain(value: Any) -> Any:
    raise TypeError(type(value).__name__)


ACRONYMS = {"id": "ID", "url": "URL", "cameo": "CAMEO", "plover": "PLOVER"}


def column_label(key: str) -> str:
    words = [ACRONYMS.get(w, w) for w in key.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _source_text(source: dict[str, Any]) -> str:
    title = f": {source['title']}" if source.get("title") else ""
    when = f", {source['published_on']}" if source.get("published_on") else ""
    return f"{source.get('outlet', '')}{title}{when} <{source.get('url', '')}>"


def _cause_text(cause: dict[str, Any]) -> str:
    category = CAUSE_CATEGORIES.get(cause.get("category", ""), cause.get("category", ""))
    who = cause.get("stated_by_name") or cause.get("stated_by", "")
    text = f"{category}: {cause.get('description', '')} (stated by {who})"
    if cause.get("source"):
        text += f" [{_source_text(cause['source'])}]"
    return text


def _item_text(key: str, item: Any) -> str:
    if not isinstance(item, dict):
        return _scalar(item)
    if key in ("causes", "status_causes"):
        return _cause_text(item)
    if key in ("sources", "source"):
        return _source_text(item)
    if key == "parties":
        participation = item.get("participation")
        return item["actor"] + (f" ({participation})" if participation != "active" else "")
    if key == "corrections":
        return f"#{item.get('sequence')}: {item.get('reason', '')}"
    if key == "third_parties":  # as the CSV import reads them back: actor:role
        return f"{item.get('actor', '')}:{item.get('role', '')}"
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def cell(key: str, value: Any) -> str:
    if isinstance(value, list):
        # Causes and sources are sentences: a bar between them reads better than a semicolon.
        separator = " | " if key in ("causes", "status_causes", "sources", "corrections") else "; "
        return separator.join(_item_text(key, v) for v in value)
    if isinstance(value, dict):
        return _item_text(key, value)
    return _scalar(value)


class SpreadsheetCSVRenderer(PaginatedCSVRenderer):
    """CSV of a paginated list (`?format=csv`). The view's `csv_columns` come first and its
    `csv_trailing` last, any other field between them in the order met; an error is one row
    with its code and detail; an empty list is the header row alone."""

    format = "csv"

    def render(self, data, media_type=None, renderer_context=None, *args, **kwargs):
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and "code" in data and "results" not in data:
            rows = [{"code": data["code"], "detail": data.get("detail", "")}]
            leading: list[str] = []
            trailing: list[str] = []
        else:
            rows = data.get(self.results_field, []) if isinstance(data, dict) else data or []
            leading = list(renderer_context.get("csv_columns") or [])
            trailing = list(renderer_context.get("csv_trailing") or [])
        columns = [*leading]
        for row in rows:
            columns += [k for k in row if k not in columns and k not in trailing]
        columns += [k for k in trailing if not rows or any(k in row for row in rows)]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column_label(c) for c in columns])
        for row in rows:
            writer.writerow([cell(c, row.get(c)) for c in columns])
        return buffer.getvalue().encode("utf-8")
