from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from negotiations.selectors import process_count


class CountedPaginator(Paginator):
    """The unfiltered process list takes its `count` from the tally the projection keeps:
    the first page then costs the same at 10 and at 10,000 processes."""

    @cached_property
    def count(self) -> int:
        from negotiations.models import Process

        query = getattr(self.object_list, "query", None)
        if query is not None and self.object_list.model is Process and not query.where:
            return process_count()
        return super().count


class Pagination(PageNumberPagination):
    """`count`, `next`, `previous`, `results`; `page_size` may be asked for, up to 500."""

    django_paginator_class = CountedPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
