"""`/about/` is a real page (the board's header links it): what the tracker is, links to the
admin, the API docs and root, and every process with its status; `/api/v1/` lists the
API's endpoints."""

from tests.api_fixtures import GENEVA


def test_landing_page_links_the_admin_the_docs_and_each_process(client, geneva):
    response = client.get("/about/")

    assert response.status_code == 200
    page = response.content.decode()
    for link in ('href="/admin/"', 'href="/api/v1/docs/"', 'href="/api/v1/"'):
        assert link in page, link
    assert f'href="/api/v1/processes/{GENEVA}/"' in page
    assert "Intra-Syrian talks (Geneva)" in page
    assert "Suspended" in page
    assert f'href="/api/v1/processes/{GENEVA}/events/"' in page
    assert "/admin/negotiations/process/" not in page  # admin links only for staff


def test_landing_page_with_no_process_says_how_to_start(client, db):
    page = client.get("/about/").content.decode()

    assert "No process is recorded yet" in page


def test_api_root_lists_its_endpoints(anon, editor_api, db):
    response = anon.get("/api/v1/")

    assert response.status_code == 200
    endpoints = response.json()
    assert endpoints["processes"] == "http://testserver/api/v1/processes/"
    assert endpoints["agreements"] == "http://testserver/api/v1/agreements/"
    assert endpoints["docs"] == "http://testserver/api/v1/docs/"
    webhooks = endpoints.pop("webhooks").removeprefix("http://testserver")
    assert webhooks == "/api/v1/webhooks/"
    for url in endpoints.values():
        assert anon.get(url.removeprefix("http://testserver")).status_code == 200, url
    assert editor_api.get(webhooks).status_code == 200  # an editor's own; anyone else's 401
    assert anon.get(webhooks).status_code in (401, 403)


def test_about_is_a_page_of_the_board(client, geneva):
    """Not a dead end: the board's header and stylesheet, a way back to the board, and each
    process's name leading to its board page (its JSON is a link beside it)."""
    page = client.get("/about/").content.decode()

    assert 'href="/static/board/board.css"' in page
    assert "<style" not in page  # the board's one stylesheet, under its strict CSP
    assert '<header class="site">' in page
    assert 'href="/">All processes</a>' in page
    name = f'<a href="/processes/{GENEVA}/"><bdi>Intra-Syrian talks (Geneva)</bdi></a>'
    assert name in page
    assert 'class="stack"' in page  # its table stacks on a phone, as the board's do


def test_a_process_s_data_links_are_listed_as_chinese_lists_them(client, geneva):
    """A reader in Chinese: the links JSON, timeline, status read "JSON，时间线，状态", a
    clause's comma; a list's is "、", as everywhere else on the board."""
    page = client.get("/zh-hans/about/").content.decode()
    assert "JSON</a>、<a" in page
    assert "JSON</a>，<a" not in page
