"""The list shows who stated each cause by name, like the detail; the detail links to the
process's timeline and status (clickable in the browsable API); an unknown event type is
called unknown, not missing."""

from tests.api_fixtures import GENEVA


def test_list_names_who_stated_each_cause(anon, app, geneva, actors):
    from tests.factories import SOURCE, cause

    app.resume_talks(geneva.pk, occurred_on="2017-02-23", sources=[SOURCE], recorded_by="t")
    app.suspend_talks(
        geneva.pk,
        occurred_on="2017-03-01",
        causes=[cause(stated_by="ban-ki-moon")],
        sources=[SOURCE],
        recorded_by="t",
    )
    listed = anon.get("/api/v1/processes/").json()["results"]
    row = next(p for p in listed if p["slug"] == GENEVA)
    detail = anon.get(f"/api/v1/processes/{GENEVA}/").json()

    assert row["status_causes"] == detail["status_causes"]
    assert row["status_causes"][0]["stated_by_name"] == "Ban Ki-moon, UN Secretary-General"


def test_detail_links_to_its_timeline_and_status(anon, geneva):
    detail = anon.get(f"/api/v1/processes/{GENEVA}/").json()

    base = f"http://testserver/api/v1/processes/{GENEVA}/"
    assert detail["url"] == base
    assert detail["events_url"] == base + "events/"
    assert detail["status_url"] == base + "status/"
    assert anon.get(detail["status_url"].removeprefix("http://testserver")).status_code == 200
    browsable = anon.get(f"/api/v1/processes/{GENEVA}/", HTTP_ACCEPT="text/html")
    assert f'href="{base}events/"' in browsable.content.decode()


def test_an_unknown_event_type_is_called_unknown(editor_api, geneva):
    url = f"/api/v1/processes/{GENEVA}/events/"
    unknown = editor_api.post(url, {"type": "talks_postponed"}, format="json").json()
    missing = editor_api.post(url, {"occurred_on": "2016-05-01"}, format="json").json()

    assert unknown["errors"]["type"][0].startswith("Unknown event type 'talks_postponed': one of")
    assert missing["errors"]["type"][0].startswith("Required: one of")
