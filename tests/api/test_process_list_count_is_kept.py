"""The unfiltered process list takes its `count` from a tally the projection keeps, so its
first page does not read every row; filtered lists still count what they match."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import opening


def open_some(editor_api, n):
    for i in range(n):
        response = editor_api.post(
            "/api/v1/processes/", opening(name=f"Talks {i}", conflict=f"Conflict {i % 2}"),
            format="json",
        )  # fmt: skip
        assert response.status_code == 201


def test_the_count_is_the_tally_and_no_row_is_counted(editor_api, actors):
    open_some(editor_api, 5)
    with CaptureQueriesContext(connection) as queries:
        page = editor_api.get("/api/v1/processes/", {"page_size": 2}).json()
    assert page["count"] == 5
    assert len(page["results"]) == 2
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_filtered_list_counts_what_it_matches(editor_api, actors):
    open_some(editor_api, 5)
    assert editor_api.get("/api/v1/processes/", {"conflict": "Conflict 1"}).json()["count"] == 2
    assert editor_api.get("/api/v1/processes/", {"q": "Talks 3"}).json()["count"] == 1


def test_a_rebuild_gives_the_same_tally(app, editor_api, actors):
    open_some(editor_api, 3)
    before = rows_checksum()
    wipe_read_models()
    call_command("rebuild_projections", "--no-progress", stdout=open("/dev/null", "w"))
    assert rows_checksum() == before
    assert editor_api.get("/api/v1/processes/").json()["count"] == 3
