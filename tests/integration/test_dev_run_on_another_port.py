"""`python3 dev.py run 127.0.0.1:PORT` on a port other than 8000: the printed admin link and
the demo digest's unsubscribe link carry that port, and both lead somewhere on the server
it started. Runs in a var/ directory of its own, on SQLite, like a fresh clone."""

from __future__ import annotations

import os
import re
import signal

from tests.integration.helpers import answers, dev_run_env, start_dev_run
from tests.services import free_port, wait_for


def test_dev_run_on_port_8011_style_prints_and_mails_links_with_its_port(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "dev-run.log"
    server = start_dev_run(f"127.0.0.1:{port}", dev_run_env(tmp_path / "var"), log)
    try:
        assert wait_for(lambda: answers(base + "/"), timeout=240), log.read_text()[-3000:]
        printed = log.read_text()

        admin_link = re.search(r"Admin login: admin / \S+\s+\((\S+)\)", printed)
        assert admin_link, printed[-3000:]
        assert admin_link.group(1) == f"{base}/admin/"
        assert f"Starting the tracker on {base}/" in printed
        assert answers(admin_link.group(1).replace("/admin/", "/admin/login/"))

        emails = list((tmp_path / "var" / "emails").glob("*.log"))
        assert emails, printed[-3000:]
        digest = emails[0].read_text()
        links = set(re.findall(r"http://127\.0\.0\.1:\d+/digests/unsubscribe/[\w-]+/?", digest))
        assert links, digest[:2000]
        assert all(link.startswith(f"{base}/") for link in links), links
        assert answers(next(iter(links)))  # the link leads to the unsubscribe page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
