"""Driving Debian's Chromium (/usr/bin/chromium) through Playwright; never a downloaded
browser. Skips with a reason where Chromium or Playwright is missing, and fails in CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# A common laptop screen: the desk must work on it without scrolling sideways.
LAPTOP = {"width": 1366, "height": 768}
# A common phone's screen, and a page browsed as on a phone (touch, twice the pixels), with
# JavaScript off: `browser_page(PHONE, **AS_ON_A_PHONE)`.
PHONE = {"width": 390, "height": 844}
AS_ON_A_PHONE = {
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "java_script_enabled": False,
}

ROOT = Path(__file__).resolve().parents[2]


def save_screenshot(page, name: str) -> Path:
    """Save the page as NAME under var/screenshots/ (git-ignored) and test-artifacts/ (for CI);
    the tracked picture in docs/ is replaced only on request (`make docs-screenshots`, which
    sets UPDATE_DOCS_SCREENSHOTS=1)."""
    path = ROOT / "var" / "screenshots" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    copies = [ROOT / "test-artifacts" / name]
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        copies.append(ROOT / "docs" / name)
    for copy in copies:
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, copy)
    return path


def require_browser() -> None:
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python is not installed (requirements-dev.in)")
    if not missing:
        return
    reason = "; ".join(missing)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run this test, not skip it)")
    print(f"SKIPPED: {reason}")
    pytest.skip(reason)


@contextmanager
def browser_page(viewport: dict[str, int], **options: Any) -> Iterator:
    """A fresh page in headless Chromium, with Playwright's page `options` if any
    (`AS_ON_A_PHONE`). Playwright's sync API runs an event loop in this
    thread; the live server answers in its own thread, and a test reads the database only
    between browser steps (hence DJANGO_ALLOW_ASYNC_UNSAFE, set by the caller)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport, **options)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.js_errors = errors
            yield page
        finally:
            browser.close()


def log_in(page, base_url: str, next_path: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def choose_actor(page, row: str, search: str, name: str) -> None:
    """Pick an actor in a select2 autocomplete, the way an editor does: click, type, choose.
    The choice waits for the answer to what was typed: the list first shows the answer to an
    empty search, and a click on it, as select2 replaces it, chose nothing (a CI run under
    load: "This field is required."; an analyst's outside test chose the wrong actor)."""
    page.click(f"#{row} .field-stated_by .select2-selection")
    typed = f"term={quote_plus(search)}"
    with page.expect_response(lambda answer: "autocomplete" in answer.url and typed in answer.url):
        page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{name}')")
    chosen = page.locator(f"#{row} .field-stated_by .select2-selection__rendered")
    chosen.filter(has_text=name).wait_for()  # the choice is shown: it was taken


def saved(page, timeout: float = 30_000) -> str:
    """Wait for the answer to a submitted record form: the saved message's text, or a failure
    that says what the form said instead (its refusal, its errors), never a bare timeout."""
    answer = page.locator(".messagelist .success, .errornote, .errorlist").first
    answer.wait_for(timeout=timeout)
    if answer.get_attribute("class") != "success":
        refusals = page.locator(".errornote, .errorlist, .messagelist li").all_inner_texts()
        raise AssertionError(f"the form was not saved ({page.url}): {refusals}")
    return answer.inner_text()


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scroll)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def axe_serious_violations(page) -> list[str]:
    """Run axe-core itself (bundled by axe-playwright-python) on the page as it stands: one
    line per element of each violation of impact "serious" or "critical" -- rule, impact,
    path, axe's selector and the rule's summary. Skips (fails in CI) without the package."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        reason = "axe-playwright-python is not installed (requirements-dev.in)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI must run this test, not skip it)")
        pytest.skip(reason)
    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    path = page.evaluate("location.pathname")
    return [
        f"{rule['id']} ({rule['impact']}) on {path}: {node['target']} -- {rule['help']}"
        for rule in results["violations"]
        if rule["impact"] in ("serious", "critical")
        for node in rule["nodes"]
    ]
