from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is 406 `not_acceptable` naming the formats there are (DRF's own
    answer is a bare 404, as if the resource were missing)."""

    def filter_renderers(self, renderers, format):
        kept = [r for r in renderers if r.format == format]
        if not kept:
            formats = ", ".join(sorted({r.format for r in renderers}))
            raise NotAcceptable(f"No format '{format}' here: one of {formats}.")
        return kept
