"""The process list: filters, search, ordering, overdue, pagination."""

import pytest

from tests.api_fixtures import cause, event


@pytest.fixture
def three(editor_api, actors):
    """Three processes: Geneva-like paused (overdue), Havana-like active, Oslo-like planned."""

    def open_(name, conflict, mediators, parties):
        r = editor_api.post(
            "/api/v1/processes/",
            {
                "name": name,
                "conflict": conflict,
                "mediators": mediators,
                "parties": parties,
                "occurred_on": "2016-01-01",
            },
            format="json",
        )
        assert r.status_code == 201, r.json()
        return r.json()["slug"]

    a = open_("Alpha talks", "Syrian civil war", ["united-nations"], ["hnc"])
    b = open_("Bravo talks", "Colombian conflict", ["iran"], ["turkey"])
    c = open_("Charlie talks", "Syrian civil war", ["russia"], [])
    for slug, steps in (
        (
            a,
            [
                event("talks_convened", "2016-02-01"),
                event("talks_paused", "2016-02-03", expected_resumption_on="2016-02-25"),
            ],
        ),
        (b, [event("talks_convened", "2016-03-01")]),
    ):
        for body in steps:
            assert (
                editor_api.post(
                    f"/api/v1/processes/{slug}/events/", body, format="json"
                ).status_code
                == 201
            )
    return a, b, c


def slugs(response):
    assert response.status_code == 200, response.json()
    return [p["slug"] for p in response.json()["results"]]


def test_filters(anon, three):
    a, b, c = three
    get = lambda **q: slugs(anon.get("/api/v1/processes/", q))  # noqa: E731
    assert get(status="paused") == [a]
    assert sorted(get(status=["paused", "active"])) == [a, b]
    assert get(mediator="iran") == [b]
    assert get(party="hnc") == [a]
    assert get(conflict="syrian") == [a, c]
    assert get(q="bravo") == [b]
    assert get(overdue="true") == [a]
    assert get(updated_since="2000-01-01T00:00:00Z") == [a, b, c]
    assert get(updated_since="2999-01-01T00:00:00Z") == []


def test_summary_fields_and_overdue(anon, three):
    results = anon.get("/api/v1/processes/", {"status": "paused"}).json()["results"]
    summary = results[0]
    promised = (
        "id slug name conflict status status_since status_causes expected_resumption_on overdue"
        " mediators parties last_event_on version"
    ).split()
    assert [field for field in promised if field not in summary] == []
    assert summary["overdue"] is True
    assert summary["expected_resumption_on"] == "2016-02-25"


def test_ordering_and_pagination(anon, three):
    assert slugs(anon.get("/api/v1/processes/", {"ordering": "-name"})) == list(reversed(three))
    assert slugs(anon.get("/api/v1/processes/", {"ordering": "last_event_on"}))[0] == three[2]
    page = anon.get("/api/v1/processes/", {"page_size": 2}).json()
    assert page["count"] == 3
    assert len(page["results"]) == 2
    assert page["next"]
    assert anon.get(page["next"]).json()["previous"] is not None


def test_empty_list(anon, db):
    assert anon.get("/api/v1/processes/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_detail_by_uuid_or_slug_with_named_causes(anon, editor_api, three):
    slug = three[1]
    editor_api.post(
        f"/api/v1/processes/{slug}/events/",
        event("talks_suspended", "2016-03-05", causes=[cause("political_crisis", "ban-ki-moon")]),
        format="json",
    )
    by_slug = anon.get(f"/api/v1/processes/{slug}/").json()
    by_id = anon.get(f"/api/v1/processes/{by_slug['id']}/").json()
    assert by_slug == by_id
    assert by_slug["status_causes"][0]["stated_by_name"].startswith("Ban Ki-moon")
