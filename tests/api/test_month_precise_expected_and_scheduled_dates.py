"""Over the API: a pause expected back "in May" and talks "in August" are recorded with their
precision, shown with it everywhere the API shows the date, and a day other than 01 with
month precision is refused with nothing stored (issue 23, item 14)."""

from datetime import date

import pytest

from negotiations.read.models import Process, StatusChange, StatusPeriod, TimelineEntry
from negotiations.read.selectors import overdue_filter
from tests.api.recording import events_url, recorded
from tests.api_fixtures import event

MAY = {"expected_resumption_on": "2016-05-01", "expected_resumption_precision": "month"}


@pytest.fixture
def paused_until_may(editor_api, opened):
    """Convened on 13 April 2016, paused on the 27th until May: the pause's whole answer."""
    recorded(editor_api, opened["slug"], "talks_convened", "2016-04-13")
    pause = event("talks_paused", "2016-04-27", **MAY)
    response = editor_api.post(events_url(opened["slug"]), pause, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_pause_expected_back_in_a_month_is_shown_with_its_precision(
    anon, opened, paused_until_may
):
    slug = opened["slug"]
    assert paused_until_may["event"]["expected_resumption_precision"] == "month"
    summary = anon.get(f"/api/v1/processes/{slug}/").json()
    assert (summary["expected_resumption_on"], summary["expected_resumption_precision"]) == (
        "2016-05-01",
        "month",
    )
    assert paused_until_may["process"]["expected_resumption_precision"] == "month"
    events = anon.get(f"/api/v1/processes/{slug}/events/").json()["results"]
    assert events[-1]["expected_resumption_precision"] == "month"
    feed = anon.get("/api/v1/status-changes/", {"process": slug}).json()["results"]
    assert feed[-1]["expected_resumption_precision"] == "month"
    listed = anon.get("/api/v1/processes/").json()["results"]
    assert [p["expected_resumption_precision"] for p in listed] == ["month"]


def test_a_pause_expected_back_in_may_is_overdue_from_the_first_of_june(
    anon, opened, paused_until_may
):
    def status_on(day: str) -> dict:
        return anon.get(f"/api/v1/processes/{opened['slug']}/status/", {"as_of": day}).json()

    end_of_may = status_on("2016-05-31")
    assert (end_of_may["expected_resumption_on"], end_of_may["overdue"]) == ("2016-05-01", False)
    assert end_of_may["expected_resumption_precision"] == "month"
    assert status_on("2016-06-01")["overdue"] is True
    # The list's filter is the same rule in SQL.
    assert not Process.objects.filter(overdue_filter(date(2016, 5, 31))).exists()
    assert Process.objects.filter(overdue_filter(date(2016, 6, 1))).count() == 1
    assert anon.get("/api/v1/processes/", {"overdue": "true"}).json()["count"] == 1


def test_a_day_pause_keeps_its_day_rule(anon, editor_api, opened):
    url = f"/api/v1/processes/{opened['slug']}/events/"
    editor_api.post(url, event("talks_convened", "2016-04-13"), format="json")
    body = event("talks_paused", "2016-04-27", expected_resumption_on="2016-05-01")
    assert (
        editor_api.post(url, body, format="json").json()["event"]["expected_resumption_precision"]
        == "day"
    )
    status = anon.get(f"/api/v1/processes/{opened['slug']}/status/", {"as_of": "2016-05-02"})
    assert status.json()["overdue"] is True
    assert Process.objects.filter(overdue_filter(date(2016, 5, 2))).count() == 1


def stored() -> tuple:
    return (
        list(Process.objects.values_list("version", "expected_resumption_on")),
        TimelineEntry.objects.count(),
        StatusPeriod.objects.count(),
        StatusChange.objects.count(),
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            event(
                "talks_paused",
                "2016-04-27",
                expected_resumption_on="2016-05-15",
                expected_resumption_precision="month",
            ),
            "expected_resumption_on",
        ),
        (
            event(
                "talks_scheduled",
                "2016-04-27",
                scheduled_for="2016-08-20",
                scheduled_for_precision="month",
                venue="Geneva",
            ),
            "scheduled_for",
        ),
    ],
)
def test_month_precision_on_another_day_than_01_is_refused_and_stores_nothing(
    editor_api, opened, body, field
):
    url = f"/api/v1/processes/{opened['slug']}/events/"
    editor_api.post(url, event("talks_convened", "2016-04-13"), format="json")
    before = stored()
    response = editor_api.post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"] == {field: ["With month precision the day is sent as 01."]}
    assert stored() == before


def test_talks_scheduled_for_a_month_are_recorded_with_it(anon, editor_api, opened):
    url = f"/api/v1/processes/{opened['slug']}/events/"
    body = event(
        "talks_scheduled",
        "2016-07-26",
        scheduled_for="2016-08-01",
        scheduled_for_precision="month",
        venue="Geneva",
    )
    response = editor_api.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    shown = anon.get(url).json()["results"][-1]
    assert (shown["scheduled_for"], shown["scheduled_for_precision"]) == ("2016-08-01", "month")


def test_the_schema_describes_the_precisions(anon):
    components = anon.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]
    precision = {"allOf": [{"$ref": "#/components/schemas/DatePrecisionEnum"}], "default": "day"}
    paused = components["TalksPausedBodyRequest"]["properties"]
    assert paused["expected_resumption_precision"].items() >= precision.items()
    scheduled = components["TalksScheduledBodyRequest"]["properties"]
    assert scheduled["scheduled_for_precision"].items() >= precision.items()
    assert components["DatePrecisionEnum"]["enum"] == ["day", "month"]
    assert "expected_resumption_precision" in components["ProcessSummary"]["properties"]
    assert "expected_resumption_precision" in components["StatusOnDate"]["properties"]
    assert "expected_resumption_precision" in components["StatusChangeRow"]["properties"]


def test_a_correction_to_a_day_names_its_precision_too(editor_api, opened, paused_until_may):
    url = f"/api/v1/processes/{opened['slug']}/events/"
    sequence = paused_until_may["event"]["sequence"]

    def correct(**changes) -> object:
        body = event("event_corrected", "2016-05-20", corrects=sequence, reason="Day set")
        return editor_api.post(url, {**body, "changes": changes}, format="json")

    # Still month-precise, the 20th is refused; with its precision it is a day.
    refused = correct(expected_resumption_on="2016-05-20")
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["changes.expected_resumption_on"]
    accepted = correct(expected_resumption_on="2016-05-20", expected_resumption_precision="day")
    assert accepted.status_code == 201, accepted.json()
    assert accepted.json()["process"]["expected_resumption_precision"] == "day"


def test_with_no_expected_resumption_there_is_no_precision_anywhere(anon, editor_api, opened):
    """No date expected, no precision claimed: the summary (list, detail, a command's answer),
    the status on a date and the status-change feed all say null, as the schema says they
    may; while a pause expects May each says "month"."""
    slug = opened["slug"]

    def shown() -> set:
        detail = anon.get(f"/api/v1/processes/{slug}/").json()
        [listed] = anon.get("/api/v1/processes/").json()["results"]
        on_date = anon.get(f"/api/v1/processes/{slug}/status/").json()
        feed = anon.get("/api/v1/status-changes/", {"process": slug}).json()["results"]
        return {
            (row["expected_resumption_on"], row["expected_resumption_precision"])
            for row in (detail, listed, on_date, feed[-1])
        }

    url = events_url(slug)
    convened = editor_api.post(url, event("talks_convened", "2016-04-13"), format="json").json()
    assert convened["process"]["expected_resumption_precision"] is None
    assert shown() == {(None, None)}
    editor_api.post(url, event("talks_paused", "2016-04-27", **MAY), format="json")
    assert shown() == {("2016-05-01", "month")}
    resumed = editor_api.post(url, event("talks_resumed", "2016-05-10"), format="json").json()
    assert resumed["process"]["expected_resumption_precision"] is None
    assert shown() == {(None, None)}


def test_the_schema_says_the_expected_precision_may_be_null(anon):
    components = anon.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]
    for component in ("ProcessSummary", "ProcessDetail", "StatusOnDate", "StatusChangeRow"):
        precision = components[component]["properties"]["expected_resumption_precision"]
        assert {"$ref": "#/components/schemas/NullEnum"} in precision.get("oneOf", []), component
