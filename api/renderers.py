from rest_framework_csv.renderers import PaginatedCSVRenderer


class SpreadsheetCSVRenderer(PaginatedCSVRenderer):
    """CSV of a paginated list (`?format=csv`); nested values become dotted columns
    (`status_causes.0.category`). An error is rendered as one row with its code and detail."""

    format = "csv"

    def render(self, data, *args, **kwargs):
        if isinstance(data, dict) and "code" in data and "results" not in data:
            data = [{"code": data["code"], "detail": data.get("detail", "")}]
        return super().render(data, *args, **kwargs)
