import csv
import io

from rest_framework_csv.renderers import PaginatedCSVRenderer


class SpreadsheetCSVRenderer(PaginatedCSVRenderer):
    """CSV of a paginated list (`?format=csv`); nested values become dotted columns
    (`status_causes.0.category`). An error is rendered as one row with its code and detail;
    an empty list as the header row alone (the view names its columns)."""

    format = "csv"

    def render(self, data, media_type=None, renderer_context=None, *args, **kwargs):
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and "code" in data and "results" not in data:
            data = [{"code": data["code"], "detail": data.get("detail", "")}]
        rows = data.get(self.results_field, []) if isinstance(data, dict) else data
        if not rows:
            buffer = io.StringIO()
            csv.writer(buffer).writerow(renderer_context.get("empty_header") or ["count"])
            return buffer.getvalue().encode("utf-8")
        return super().render(data, media_type, renderer_context, *args, **kwargs)
