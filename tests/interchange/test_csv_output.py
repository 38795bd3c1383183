"""CSV from the API opens cleanly in a spreadsheet (and in the csv module)."""

import csv
import io

from tests.api_fixtures import GENEVA


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_process_list_as_csv(anon, geneva):
    table = rows(anon.get("/api/v1/processes/", {"format": "csv"}))
    assert {r["slug"] for r in table} == {GENEVA, "colombia-farc-talks-havana"}
    geneva_row = next(r for r in table if r["slug"] == GENEVA)
    assert geneva_row["status"] == "suspended" and geneva_row["version"] == "36"


def test_timeline_as_csv(anon, geneva):
    table = rows(
        anon.get(f"/api/v1/processes/{GENEVA}/events/", {"format": "csv", "page_size": 100})
    )
    # The corrected view: the correction (#16) shows in the event it corrects.
    assert [r["sequence"] for r in table] == [str(i) for i in range(1, 37) if i != 16]
    pause = table[9]
    assert pause["type"] == "talks_paused" and pause["expected_resumption_on"] == "2016-02-25"
    assert pause["causes.0.stated_by"] == "staffan-de-mistura" and pause["cameo"] == "164"
    assert pause["causes.4.stated_by"] == "ban-ki-moon"


def test_errors_as_csv_say_what_went_wrong(anon, db):
    response = anon.get("/api/v1/processes/nowhere/events/", {"format": "csv"})
    assert response.status_code == 404 and b"not_found" in response.content
