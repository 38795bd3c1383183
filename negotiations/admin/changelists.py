"""A lookup in a changelist's address that the database cannot express is refused as Django
refuses other wrong lookups, not answered with a 500."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.http import HttpRequest


class LookupsChecked:
    """A ModelAdmin mixin. `?created_at__year=99999` (a year past 9999) passes Django's own
    check of the address and fails only when the list's query is built (`year_lookup_bounds`,
    a ValueError) inside the changelist; as IncorrectLookupParameters it sends the reader back
    to the list with Django's "wrong lookup" flag (`?e=1`), as any other wrong lookup does."""

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        try:
            return super().get_changelist_instance(request)  # type: ignore[misc]
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
