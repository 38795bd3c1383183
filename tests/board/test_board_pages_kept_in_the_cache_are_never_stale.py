"""The board keeps its rendered pages in the cache (issue 22), and a reader never sees a kept
page once it is out of date: an event recorded, a correction, an actor renamed or the next day
shows at once, and each date, history view, page and filter is a page of its own."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from board import http as board_http
from negotiations.domain import history, telling
from negotiations.read import selectors
from negotiations.write.actors import change_actor
from negotiations.write.models import Actor
from tests.factories import opening, record

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def kept(client, url: str) -> str:
    """The page, asked twice: the second answer is the copy kept by the first."""
    with CaptureQueriesContext(connection) as rendering:
        first = client.get(url)
    with CaptureQueriesContext(connection) as keeping:
        second = client.get(url)
    assert second.content == first.content
    # Its freshness and the actor registry's (the names it shows): fewer than it took to make.
    assert len(keeping.captured_queries) <= 2 < len(rendering.captured_queries), url
    return second.content.decode()


def fresh(client, url: str) -> str:
    return client.get(url).content.decode()


def current_status(html: str) -> str:
    return html.split('id="current-status"')[1].split("</dd>")[0]


def geneva_row(html: str) -> str:
    return html.split(f'href="{GENEVA}"')[1].split("</tr>")[0]


def test_an_event_recorded_shows_at_once_on_the_page_and_the_list(client, app, geneva):
    assert "Suspended" in current_status(kept(client, GENEVA))
    assert "Suspended" in geneva_row(kept(client, "/"))
    record(app, geneva.pk, "talks_resumed", "2017-02-23", venue="Geneva")
    assert "Active" in current_status(fresh(client, GENEVA))
    assert "Active" in geneva_row(fresh(client, "/"))


def test_a_correction_shows_at_once(client, app, geneva):
    convened = geneva.timeline.filter(type="talks_convened").first()
    row = kept(client, GENEVA).split(f'id="event-{convened.sequence}"')[1].split("</tr>")[0]
    assert "Palais des Nations" not in row
    correction = {"corrects": convened.sequence, "changes": {"venue": "Palais des Nations"}}
    record(app, geneva.pk, "event_corrected", "2016-02-01", **correction, reason="Named later")
    html = fresh(client, GENEVA)
    assert "Palais des Nations" in html.split(f'id="event-{convened.sequence}"')[1]


def test_dates_history_pages_and_filters_are_pages_of_their_own(client, geneva):
    corrected = kept(client, GENEVA)
    assert "Timeline (corrected)" in corrected
    assert "Raw history (as recorded)" in kept(client, GENEVA + "?history=raw")
    paused = kept(client, GENEVA + "?as_of=2016-02-10").split('id="status-on-date"')[1]
    suspended = kept(client, GENEVA + "?as_of=2016-06-01").split('id="status-on-date"')[1]
    assert "Paused" in paused.split("</p>")[0]
    assert "Suspended" in suspended.split("</p>")[0]
    assert 'id="status-on-date"' not in corrected
    assert "Geneva" in kept(client, "/?q=geneva")
    assert "Geneva" not in kept(client, "/?q=havana").split('id="processes"')[1]


def test_a_renamed_actor_shows_at_once(client, geneva):
    envoy = Actor.objects.get(slug="staffan-de-mistura")
    assert envoy.name in kept(client, GENEVA)
    change_actor(envoy, name="Staffan de Mistura (envoy)", kind=envoy.kind, description="")
    assert "Staffan de Mistura (envoy)" in fresh(client, GENEVA)
    united_nations = Actor.objects.get(slug="united-nations")
    assert "United Nations" in geneva_row(kept(client, "/"))
    change_actor(united_nations, name="UN", kind=united_nations.kind, description="")
    assert "<bdi>UN</bdi>" in geneva_row(fresh(client, "/"))


def test_a_page_kept_yesterday_is_made_again_today(client, app, actors, monkeypatch):
    opened = app.open_process(opening(slug="paused-talks"), recorded_by="x")
    record(app, opened.process_id, "talks_convened", "2016-01-29")
    record(app, opened.process_id, "talks_paused", "2016-02-03")  # expected back on the 25th
    monkeypatch.setattr(selectors, "today", lambda: date(2016, 2, 24))
    assert "(overdue)" not in current_status(kept(client, "/processes/paused-talks/"))
    monkeypatch.setattr(selectors, "today", lambda: date(2016, 2, 26))
    assert "(overdue)" in current_status(fresh(client, "/processes/paused-talks/"))


def test_a_kept_page_is_no_way_around_private_reads(client, geneva, settings, reader):
    kept(client, GENEVA)
    settings.PUBLIC_READS = False
    response = client.get(GENEVA)
    assert response.status_code == 302
    assert b"Intra-Syrian" not in response.content
    client.force_login(reader)
    response = client.get(GENEVA)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private"


def test_a_parameter_the_page_does_not_read_is_the_page_s_own_copy(client, geneva):
    """It renders the same page, so it shares the page's entry: an odd query string never
    adds one (tests/board/test_a_page_asked_otherwise_shares_its_cache_entry.py)."""
    page = kept(client, GENEVA)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(GENEVA + "?utm_source=x")
    assert response.content.decode() == page
    assert len(ctx.captured_queries) <= 2


def test_a_cache_server_that_does_not_answer_costs_the_copy_not_the_page(client, geneva):
    away = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
    with override_settings(CACHES={"default": away}):
        for url in (GENEVA, GENEVA, "/", "/"):
            response = client.get(url)
            assert response.status_code == 200
            assert b"Intra-Syrian" in response.content


def test_every_file_a_page_is_made_from_is_in_the_releases_fingerprint(client, geneva):
    """A shared cache (CACHE_URL) outlives a release: the key's code fingerprint must change
    with any file a page is made from, the templates it renders (the status picture's and
    table's live in negotiations/templates) and the code that tells its events
    (negotiations/domain/telling.py), not only the board's own folder."""
    rendered: list[str] = []

    def took(sender, template, **kwargs):
        if template.origin and template.origin.name:
            rendered.append(str(Path(template.origin.name).resolve()))

    template_rendered.connect(took)
    try:
        for url in ("/", GENEVA, f"{GENEVA}?as_of=2016-02-10", "/about/", "/ar/"):
            assert client.get(url).status_code == 200, url
    finally:
        template_rendered.disconnect(took)
    ours = {path for path in rendered if path.startswith(str(settings.BASE_DIR))}
    told_by = {str(Path(module.__file__).resolve()) for module in (telling, history)}
    covered = {str(path) for path in board_http.code_files()}
    assert any("negotiations/templates" in path for path in ours), ours
    assert (ours | told_by) - covered == set()
