"""The admin's page of a process shows no "stated causes" module for a status whose changes
take none (tests/board/test_no_cause_is_said_only_where_one_could_be.py)."""

from negotiations.read.models import Process
from tests.admin.conftest import page_url
from tests.api.recording import opened_over_http, recorded


def test_the_admin_shows_no_causes_module_for_an_active_process(editor_client, editor_api, actors):
    slug = opened_over_http(editor_api, name="Quiet talks", occurred_on="2016-01-10")
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    page = editor_client.get(page_url(Process.objects.get(slug=slug))).content.decode()
    assert 'id="current-causes"' not in page
    recorded(editor_api, slug, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")
    page = editor_client.get(page_url(Process.objects.get(slug=slug))).content.decode()
    assert "No causes were stated for the current status." in page
