"""`python3 dev.py run 127.0.0.1:PORT` on a port other than 8000: the printed admin link and
the demo digest's unsubscribe link carry that port, and both lead somewhere on the server
it started. Runs in a var/ directory of its own, on SQLite, like a fresh clone."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.services import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_dev_run_on_port_8011_style_prints_and_mails_links_with_its_port(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "EVENT_STORE_", "SITE_URL", "EMAIL_", "CELERY_"))
        and k != "DJANGO_SETTINGS_MODULE"
    }
    env["TRACKER_VAR_DIR"] = str(tmp_path / "var")
    log = tmp_path / "dev-run.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "dev.py"), "run", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # runserver's autoreloader has a child: stop the group
        )
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
