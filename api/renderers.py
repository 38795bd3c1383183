"""The API's own renderers: JSON by orjson with the tracker's one encoder, and CSV for
spreadsheets.

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
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework_csv.renderers import PaginatedCSVRenderer

from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from negotiations.write.records import ENCODER, ORJSON_OPTIONS, RecordTimeEncoder
from tracker.spreadsheets import spreadsheet_cell


class JSONRenderer(ORJSONRenderer):
    """The API's JSON: drf-orjson-renderer's, with the tracker's one encoder for what is not
    plain JSON (`write.records.ENCODER`: record times with their microseconds, dates, UUIDs).
    Indented JSON asked for (`Accept: application/json; indent=4`, the browsable API) is
    DRF's renderer's, which orjson cannot indent but by 2; an integer wider than 64 bits,
    which orjson cannot write, is written by `json` with the same encoder."""

    options = ORJSONRenderer.options | ORJSON_OPTIONS

    def render(self, data, media_type=None, renderer_context=None):
        context = renderer_context or {}
        indented = DRFJSONRenderer()
        if data is not None and indented.get_indent(media_type or "", context):
            return indented.render(data, media_type, context)
        try:
            return super().render(
                data, media_type, {**context, "default_function": ENCODER.default}
            )
        except orjson.JSONEncodeError:
            text = json.dumps(
                data, cls=RecordTimeEncoder, ensure_ascii=False, separators=(",", ":")
            )
            return text.encode()


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
    if key == "names":  # by language: "ar: …; es: …", empty without any (it read "{}")
        return "; ".join(f"{language}: {name}" for language, name in sorted(item.items()))
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(key: str, value: Any) -> str:
    if isinstance(value, list):
        # Causes and sources are sentences: a bar between them reads better than a semicolon.
        separator = " | " if key in ("causes", "status_causes", "sources", "corrections") else "; "
        return separator.join(_item_text(key, v) for v in value)
    if isinstance(value, dict):
        return _item_text(key, value)
    return _scalar(value)


def cell(key: str, value: Any) -> str:
    """The cell of field `key`, never a formula a spreadsheet would run
    (`tracker.spreadsheets.spreadsheet_cell`)."""
    return spreadsheet_cell(_text(key, value))


class SpreadsheetCSVRenderer(PaginatedCSVRenderer):
    """CSV of a paginated list (`?format=csv`). The view's `csv_columns` come first and its
    `csv_trailing` last, each on every page, any other field between them in the order met;
    an empty list is the header row alone. (An error answers JSON: `api.errors`.)"""

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
        columns += trailing  # every page alike, whether its rows have them or not
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column_label(c) for c in columns])
        for row in rows:
            writer.writerow([cell(c, row.get(c)) for c in columns])
        return buffer.getvalue().encode("utf-8")
