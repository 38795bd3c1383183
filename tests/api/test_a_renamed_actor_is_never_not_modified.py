"""An actor's name is the registry's, changed without an event: every ETag of an answer or
a page that names actors changes with it. An outside client's test renamed the UN's envoy
in the admin, revalidated the Geneva detail with its ETag and got 304: the old name, until
the next event. The ETag of a read is the version and the registry's last change; `If-Match`
takes it, or the version alone."""

from __future__ import annotations

from negotiations.write.actors import change_actor
from negotiations.write.models import Actor
from tests.api_fixtures import GENEVA
from tests.factories import body_for

DETAIL = f"/api/v1/processes/{GENEVA}/"


def rename_the_envoy() -> None:
    envoy = Actor.objects.get(slug="staffan-de-mistura")
    change_actor(envoy, name="Staffan de Mistura (envoy)", kind=envoy.kind, description="")


def test_the_api_answers_a_renamed_actor_s_process_anew(anon, geneva):
    tag = anon.get(DETAIL)["ETag"]
    assert anon.get(DETAIL, HTTP_IF_NONE_MATCH=tag).status_code == 304
    rename_the_envoy()
    again = anon.get(DETAIL, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 200
    assert again["ETag"] != tag
    assert "Staffan de Mistura (envoy)" in again.content.decode()
    # The events name actors by slug only: their ETag is the version, and stays.
    version = again.json()["version"]
    assert anon.get(DETAIL + "events/")["ETag"] == f'"{version}"'


def test_if_match_takes_a_read_s_etag(editor_api, geneva):
    tag = editor_api.get(DETAIL)["ETag"]
    body = {"type": "statement_made", **body_for("statement_made", "2016-02-06")}
    written = editor_api.post(DETAIL + "events/", body, format="json", HTTP_IF_MATCH=tag)
    assert written.status_code == 201, written.json()
    stale = editor_api.post(DETAIL + "events/", body, format="json", HTTP_IF_MATCH=tag)
    assert stale.json()["code"] == "version_conflict"


def test_the_board_answers_a_renamed_actor_s_page_anew(client, geneva):
    page = f"/{GENEVA.join(['processes/', '/'])}"
    tag = client.get(page)["ETag"]
    assert client.get(page, HTTP_IF_NONE_MATCH=tag).status_code == 304
    rename_the_envoy()
    again = client.get(page, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 200
    assert "Staffan de Mistura (envoy)" in again.content.decode()


def test_each_representation_of_the_events_has_its_own_etag(anon, geneva):
    """JSON, CSV and the browsable page of the events were one strong ETag, so a CSV
    revalidated with the JSON's tag answered 304 (an outside client's test)."""
    url = DETAIL + "events/"
    json_tag = anon.get(url)["ETag"]
    csv = anon.get(url, HTTP_ACCEPT="text/csv")
    assert csv["ETag"] != json_tag
    assert anon.get(url, HTTP_ACCEPT="text/csv", HTTP_IF_NONE_MATCH=json_tag).status_code == 200
    assert anon.get(url, HTTP_ACCEPT="text/csv", HTTP_IF_NONE_MATCH=csv["ETag"]).status_code == 304
