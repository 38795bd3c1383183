"""axe-core itself (the axe-playwright-python package bundles its JavaScript) finds no
violation of impact "serious" or "critical" on the board's pages -- the front page, the
Geneva process page, the agreements page, /about/ and the subscribe page -- in English, in
Arabic (right to left) and in Chinese (issues 25 and 26). On a failure the violations are
printed: rule, impact, page and the elements axe points at.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright, one browser for every page;
never downloads a browser. Skips with a reason where Chromium, Playwright or the package is
missing, and fails instead in CI."""

from __future__ import annotations

import os

import pytest

from tests.admin.browser import browser_page

PAGES = ("", "processes/intra-syrian-talks-geneva/", "agreements/", "about/", "subscribe/")
LANGUAGES = ("", "ar/", "zh-hans/")  # English has no prefix
SERIOUS = {"serious", "critical"}


def axe():
    """axe-core's runner, or a skip (a failure in CI) when the package is not installed."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        reason = "axe-playwright-python is not installed (requirements-dev.in)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI must run this test, not skip it)")
        pytest.skip(reason)
    return Axe()


def serious_violations(results: dict, url: str) -> list[str]:
    """One line per element of each serious or critical violation in axe's results."""
    return [
        f"{v['id']} ({v['impact']}) on {url}: {node['target']} -- {v['help']}"
        for v in results["violations"]
        if v["impact"] in SERIOUS
        for node in v["nodes"]
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_violation_in_english_arabic_and_chinese(
    geneva, live_server, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page({"width": 1366, "height": 900}) as page:
        runner = axe()
        found: list[str] = []
        checked = 0
        for language in LANGUAGES:
            for path in PAGES:
                url = f"{live_server.url}/{language}{path}"
                response = page.goto(url)
                assert response is not None and response.status == 200, url
                results = runner.run(page, options={"resultTypes": ["violations"]}).response
                found += serious_violations(results, url.removeprefix(live_server.url))
                checked += 1
    assert checked == len(LANGUAGES) * len(PAGES)
    print("\n".join(found))
    assert found == [], "\n".join(found)
