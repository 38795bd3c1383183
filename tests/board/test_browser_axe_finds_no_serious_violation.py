"""axe-core itself (the axe-playwright-python package bundles its JavaScript) finds no
violation of impact "serious" or "critical" on the board's pages -- the front page, the
Geneva process page, the agreements page, /about/ and the subscribe page -- in English, in
Arabic (right to left) and in Chinese, on a laptop and on a phone (issues 25 and 26). On a
failure every violation is printed: rule, impact, page and the elements axe points at.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright, one browser for every page;
never downloads a browser. Skips with a reason where Chromium, Playwright or the package is
missing, and fails instead in CI."""

from __future__ import annotations

from itertools import product

import pytest

from tests.admin.browser import axe_serious_violations, browser_page

from .picture_on_screen import LAPTOP, PHONE

PAGES = ("", "processes/intra-syrian-talks-geneva/", "agreements/", "about/", "subscribe/")
LANGUAGES = ("", "ar/", "zh-hans/")  # English has no prefix


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_violation_in_english_arabic_and_chinese(
    geneva, live_server, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    found: list[str] = []
    with browser_page(LAPTOP) as page:
        for viewport, language, path in product((LAPTOP, PHONE), LANGUAGES, PAGES):
            page.set_viewport_size(viewport)
            response = page.goto(f"{live_server.url}/{language}{path}")
            assert response is not None
            assert response.status == 200, response.url
            found += [f"{viewport['width']}px {line}" for line in axe_serious_violations(page)]
    print("\n".join(found))
    assert found == [], "\n".join(found)
