"""A name given to a process (or an actor) in a language is about the record, not the talks:
dated by its source months after the last meeting, it made the board's "last change" and the
API's `last_event_on` say something happened in the talks then (an analyst's review)."""

from tests.api.recording import opened_over_http, recorded


def test_a_later_name_leaves_the_last_event_where_the_talks_left_it(editor_api, actors):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    recorded(editor_api, slug, "name_given", "2016-10-26", language="ar", name="محادثات اختبار")
    summary = editor_api.get(f"/api/v1/processes/{slug}/").json()
    assert summary["last_event_on"] == "2016-02-01"
    listed = editor_api.get("/api/v1/processes/", {"search": slug}).json()["results"]
    assert [p["last_event_on"] for p in listed if p["slug"] == slug] == ["2016-02-01"]
