"""Walking the pages of the processes list in any of its orders meets every process once,
however many tie: an outside reader's test walked `ordering=-last_event_on` on PostgreSQL and
met 156 of 189 processes, some twice, with nothing being written (70 processes shared their
last event's day; the database ordered the ties anew for each page). Every order ends on the
slug."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from api.filters import ProcessFilter
from negotiations.read.models import Process
from tests.factories import opening

ORDERS = [
    *(
        f"{sign}{field}"
        for field in ("name", "status_since", "last_event_on", "updated_at")
        for sign in ("", "-")
    ),
    "",
]


@pytest.fixture
def tied(app, actors) -> list[str]:
    """24 processes opened on one day, under four names: every order but the slug's ties."""
    for i in range(24):
        app.open_process(opening(name=f"Talks {i % 4}", slug=f"talks-{i:02}"), recorded_by="t")
    return sorted(Process.objects.values_list("slug", flat=True))


@pytest.mark.parametrize("order", ORDERS)
def test_the_pages_of_each_order_hold_every_process_once(reader_api, tied, order):
    walked, page = [], 1
    while True:
        query = {"page_size": 5, "page": page, **({"ordering": order} if order else {})}
        answer = reader_api.get("/api/v1/processes/", query).json()
        walked += [row["slug"] for row in answer["results"]]
        if not answer["next"]:
            break
        page += 1
    assert sorted(walked) == tied, order


@pytest.mark.parametrize("order", ORDERS)
def test_each_order_ends_on_the_slug(tied, order):
    data = QueryDict(f"ordering={order}" if order else "")
    query = ProcessFilter(data, Process.objects.all()).qs.query
    assert query.order_by[-1] == "slug", order


def test_the_agreements_list_walks_each_agreement_once(app, reader_api, tied):
    """Agreements signed on one day in processes of one name tied (a review: 64 walked, three
    twice and three never, on PostgreSQL); the walk fails there without the slug's place in
    the order, the structure below on any database."""
    from negotiations.read.agreements import agreements
    from negotiations.read.models import Process
    from tests.factories import record

    for process in Process.objects.all():
        record(
            app,
            process.pk,
            "agreement_signed",
            "2016-02-01",
            agreement="truce",
            title="Truce",
            stage="ceasefire",
            signatories=["hnc"],
        )
    assert agreements().query.order_by[-2:] == ("process__slug", "sequence")
    walked, page = [], 1
    while True:
        query = {"page_size": 5, "page": page}
        answer = reader_api.get("/api/v1/agreements/", query).json()
        walked += [row["process_slug"] for row in answer["results"]]
        if not answer["next"]:
            break
        page += 1
    assert sorted(walked) == tied
