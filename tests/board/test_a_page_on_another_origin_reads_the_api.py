"""A newsroom's web page, served from another origin, reads the tracker's API in Chromium
through CORS: a list with its Link header, a detail revalidated with If-None-Match (a header
that takes a preflight), and the Atom feed. The same page cannot write, even with a token:
the browser's preflight is refused. The page is served by this test on another loopback port
(TEST_PAGE_PORT, default any free one)."""

from __future__ import annotations

import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.admin.browser import LAPTOP, browser_page

PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Newsroom</title>
<pre id="out">waiting</pre>
<script>
const API = %(api)s;
async function read() {
  const list = await fetch(API + "/api/v1/processes/?page_size=1",
                           {headers: {"Accept": "application/json"}});
  const body = await list.json();
  const slug = body.results[0].slug;
  const detail = await fetch(API + "/api/v1/processes/" + slug + "/");
  const again = await fetch(API + "/api/v1/processes/" + slug + "/",
                            {headers: {"If-None-Match": detail.headers.get("ETag")}});
  const feed = await fetch(API + "/feeds/status-changes.atom");
  let write = "sent";
  try {
    await fetch(API + "/api/v1/processes/", {method: "POST",
      headers: {"Authorization": "Token stolen", "Content-Type": "application/json"},
      body: "{}"});
  } catch (e) { write = "blocked"; }
  return {count: body.count, first: body.results[0].name, link: list.headers.get("Link"),
          revalidated: again.status, feed: (await feed.text()).slice(0, 200), write: write};
}
read().then(r => { document.getElementById("out").textContent = JSON.stringify(r); })
      .catch(e => { document.getElementById("out").textContent = "failed: " + e; });
</script>
</html>
"""


@pytest.fixture
def newsroom(tmp_path, live_server):
    """The other origin: a static page on a loopback port of its own."""
    api = live_server.url.replace("localhost", "127.0.0.1")
    (tmp_path / "index.html").write_text(PAGE % {"api": json.dumps(api)})
    handler = partial(QuietHandler, directory=str(tmp_path))
    port = int(os.environ.get("TEST_PAGE_PORT") or 0)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html", api
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_on_another_origin_reads_the_api(geneva, newsroom, monkeypatch):
    page_url, api = newsroom
    assert page_url.rsplit(":", 1)[0] == api.rsplit(":", 1)[0]  # same host, another port
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page(LAPTOP) as page:
        from playwright.sync_api import expect

        page.goto(page_url)
        out = page.locator("#out")
        expect(out).not_to_have_text("waiting", timeout=30_000)
        text = out.inner_text()
        assert not text.startswith("failed"), text
        found = json.loads(text)
        assert found["count"] == 5  # the demo's processes
        assert found["first"]
        assert 'rel="next"' in found["link"]
        assert found["revalidated"] == 304
        assert "<feed" in found["feed"]
        assert found["write"] == "blocked"
        assert page.js_errors == []
