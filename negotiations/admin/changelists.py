"""A lookup in a changelist's address that the database cannot express is refused as Django
refuses other wrong lookups, not answered with a 500."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.admin import AdminSite
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


def check_every_list(site: AdminSite) -> None:
    """Every list `site` serves, the ones Django and the libraries register included (auth's
    users and groups, django-axes' attempts and logs), takes `LookupsChecked`: an attacker's
    outside test sent `?id__in=` with an id past 64 bits to those, and SQLite's driver
    refused it with an OverflowError, a 500. Called where the URLs are made, once every
    app's admin module has registered its models."""
    for model in apps.get_models():
        if not site.is_registered(model):
            continue
        current = type(site.get_model_admin(model))
        if issubclass(current, LookupsChecked):
            continue
        site.unregister(model)
        checked = type(current.__name__, (LookupsChecked, current), {"__module__": __name__})
        site.register(model, checked)
