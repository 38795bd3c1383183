from typing import cast

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from negotiations.domain.body_fields import digits
from negotiations.read.selectors import process_count


class CountedPaginator(Paginator):
    """The unfiltered process list takes its `count` from the tally the projection keeps:
    the first page then costs the same at 10 and at 10,000 processes."""

    @cached_property
    def count(self) -> int:
        from negotiations.read.models import Process

        query = getattr(self.object_list, "query", None)
        model = getattr(self.object_list, "model", None)
        if query is not None and model is Process and not query.where:
            return process_count()
        return super().count


class Pagination(PageNumberPagination):
    """`count`, `next`, `previous`, `results`; `page_size` may be asked for, up to 500. The
    same links, with the first and the last page, are in a `Link` header (RFC 8288).

    A `page` that is not a positive integer is a 400 `invalid`; a page past the last one is a
    404 `not_found` that says how many pages there are."""

    django_paginator_class = CountedPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
    # Said in the request's language: lazy, as DRF's own default is (DRF formats it with the
    # paginator's message, which Django translates).
    invalid_page_message = cast(str, gettext_lazy("Page {page_number} does not exist: {message}"))

    def paginate_queryset(self, queryset, request, view=None):
        self.check_query(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:  # it said "That page contains no results", not how many there are
            size = self.get_page_size(request) or 1  # paging: a size is set
            pages = self.django_paginator_class(queryset, size).num_pages
            page = request.query_params.get(self.page_query_param, "")
            raise NotFound(
                _("Page %(page)s does not exist: the last page is %(last)s.")
                % {"page": page, "last": pages}
            ) from None

    def check_query(self, request) -> None:
        """Refuse a `page` or `page_size` that is not one (also where a list answers whole,
        as `?format=pax`: a parameter the schema documents is never taken silently)."""
        page = request.query_params.get(self.page_query_param, "")
        if page not in ("", *self.last_page_strings) and not _positive_int(page):
            raise ValidationError({self.page_query_param: [_("A page number: 1, 2, 3 …")]})
        size = request.query_params.get(self.page_size_query_param, "")
        # Past the most a page holds is refused too, never cut to it silently.
        if size and (not _positive_int(size) or int(size) > self.max_page_size):
            most = {"most": self.max_page_size}
            raise ValidationError(
                {self.page_size_query_param: [_("Rows per page: 1 to %(most)s.") % most]}
            )

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response["Link"] = self.link_header(self.request, self.page)
        return response

    def link_header(self, request, page) -> str:
        """RFC 8288 links of a paged answer: first, prev, next, last."""
        url = request.build_absolute_uri()
        first = remove_query_param(url, self.page_query_param)
        last_number = page.paginator.num_pages
        last = replace_query_param(url, self.page_query_param, last_number)
        links = [
            ("first", first),
            ("prev", self.get_previous_link()),
            ("next", self.get_next_link()),
            ("last", last if last_number > 1 else first),
        ]
        return ", ".join(f'<{target}>; rel="{rel}"' for rel, target in links if target)

    def get_page_number(self, request, paginator):
        return super().get_page_number(request, paginator) or 1  # an empty ?page= is page 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1  # more than max_page_size is clipped
        return parameters


def _positive_int(value: str) -> bool:
    return digits(value) and int(value) >= 1
