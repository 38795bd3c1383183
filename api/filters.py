from datetime import UTC
from typing import Any

import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import Status
from negotiations.read import selectors
from negotiations.read.folding import search_query
from negotiations.read.models import Process
from negotiations.read.selectors import overdue_filter
from negotiations.write.models import Actor


class UTCDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time, in UTC (PostgreSQL refuses far-out offsets such as -17:21,
    which a valid ISO string may carry). Out of range, the form's error: it names the query
    parameter (`updated_since`), not the column it filters (`updated_at`)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        except OverflowError:
            raise forms.ValidationError(_("Date-time out of range."), code="invalid")


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class StrictBooleanField(forms.NullBooleanField):
    """true/false (1/0, yes/no); anything else is refused instead of ignored."""

    widget = forms.TextInput

    def to_python(self, value):
        text = str(value).strip().lower() if value is not None else ""
        if text == "":
            return None
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise forms.ValidationError(_("Must be true or false."))

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class BlankIsAbsentFilterSet(django_filters.FilterSet):
    """A filter sent empty (an HTML form's unfilled field) is a filter not sent."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                if all(value == "" for value in data.getlist(key)):
                    del data[key]
        super().__init__(data, *args, **kwargs)


def _descending(field: str) -> str:
    return django_filters.OrderingFilter.descending_fmt % gettext(pretty_name(field))


class StableOrdering(django_filters.OrderingFilter):
    """An ordering that ends on a unique key (`last`): rows that tie (70 processes whose last
    event fell on one day) came in another order on each page's query, and a reader walking
    the pages of `ordering=-last_event_on` met 156 of 189 processes, some twice (an outside
    reader's test). The model's own order when none is asked for, then the key."""

    def __init__(self, *args: Any, last: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last = last

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        chosen = list(qs.query.order_by) or list(qs.model._meta.ordering)
        return qs.order_by(*chosen, self.last)


def ordering(*fields: str, last: str) -> StableOrdering:
    """django-filter's ordering, its descending choices told in the reader's language: it
    writes them once, in the language of the request that first loads this module (an
    Arabic one left "الاسم (تنازلي)" in every language's schema), unless they are given."""
    told = lazy(_descending, str)
    return StableOrdering(
        fields=fields, field_labels={f"-{field}": told(field) for field in fields}, last=last
    )


class ProcessFilter(BlankIsAbsentFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=[(s.value, s.value) for s in Status])
    mediator = django_filters.CharFilter(method="filter_mediator", help_text="Actor slug.")
    party = django_filters.CharFilter(method="filter_party", help_text="Actor slug.")
    conflict = django_filters.CharFilter(lookup_expr="icontains")
    updated_since = UTCDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Processes with an event recorded at or after this time (ISO 8601).",
    )
    q = django_filters.CharFilter(
        method="filter_q",
        help_text="Search in name, conflict and description, ignoring case and accents in "
        "every script.",
    )
    overdue = StrictBooleanFilter(method="filter_overdue")
    ordering = ordering("name", "status_since", "last_event_on", "updated_at", last="slug")

    class Meta:
        model = Process
        fields: list[str] = []

    def _participant(self, queryset, slug, role):
        return queryset.filter(participants__actor_slug=slug, participants__role=role).distinct()

    def filter_mediator(self, queryset, name, value):
        return self._participant(queryset, value, "mediator")

    def filter_party(self, queryset, name, value):
        return self._participant(queryset, value, "party")

    def filter_q(self, queryset, name, value):
        folded = search_query(value)
        return queryset.filter(search_text__contains=folded) if folded else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_filter()) if value else queryset.exclude(overdue_filter())


class ActorFilter(BlankIsAbsentFilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Search in name and slug.")
    kind = django_filters.ChoiceFilter(choices=Actor._meta.get_field("kind").choices)

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        """Case and accents ignored in every script, as the processes' search."""
        if not search_query(value):
            return queryset
        return queryset.filter(slug__in=selectors.actors_matching(value))
