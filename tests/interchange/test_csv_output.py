"""CSV from the API opens cleanly in a spreadsheet (and in the csv module)."""

import csv
import io

from tests.api_fixtures import GENEVA


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def header(response) -> list[str]:
    return next(csv.reader(io.StringIO(response.content.decode())))


def test_process_list_as_csv(anon, geneva):
    response = anon.get("/api/v1/processes/", {"format": "csv"})
    table = rows(response)
    assert {r["Slug"] for r in table} == {
        GENEVA,
        "colombia-farc-talks-havana",
        "yemen-talks-kuwait",
        "ethiopia-tplf-talks-pretoria",
        "sudan-talks-jeddah",
    }
    geneva_row = next(r for r in table if r["Slug"] == GENEVA)
    assert geneva_row["Status"] == "suspended"
    assert geneva_row["Version"] == "40"
    # Columns in reading order, with readable names, one cell per field.
    assert header(response)[:8] == [
        "Slug",
        "Name",
        "Conflict",
        "Status",
        "Status since",
        "Expected resumption on",
        "Expected resumption precision",
        "Overdue",
    ]
    assert not any("." in column for column in header(response))
    detail = anon.get(f"/api/v1/processes/{GENEVA}/").json()
    assert geneva_row["Mediators"] == "; ".join(detail["mediators"])
    assert geneva_row["Parties"] == "; ".join(
        p["actor"] + (" (withdrawn)" if p["participation"] == "withdrawn" else "")
        for p in detail["parties"]
    )


def test_timeline_as_csv(anon, geneva):
    response = anon.get(f"/api/v1/processes/{GENEVA}/events/", {"format": "csv", "page_size": 100})
    table = rows(response)
    # The corrected view: the corrections (#4 of the opening, #17 of the pause) show in the
    # events they correct.
    assert [r["Sequence"] for r in table] == [str(i) for i in range(1, 41) if i not in (4, 17)]
    pause = table[9]
    assert pause["Type"] == "talks_paused"
    assert pause["Expected resumption on"] == "2016-02-25"
    assert "(stated by staffan-de-mistura)" in pause["Causes"]
    assert "(stated by ban-ki-moon)" in pause["Causes"]
    assert pause["CAMEO"] == "164"
    assert header(response)[:4] == ["Sequence", "Type", "Occurred on", "Date precision"]
    assert header(response)[-4:] == ["Recorded at", "Recorded by", "CAMEO", "PLOVER"]


def test_errors_as_csv_say_what_went_wrong(anon, db):
    response = anon.get("/api/v1/processes/nowhere/events/", {"format": "csv"})
    assert response.status_code == 404
    assert b"not_found" in response.content
