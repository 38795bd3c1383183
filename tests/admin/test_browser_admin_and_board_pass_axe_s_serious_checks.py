"""The admin process page and a record form pass axe-core itself with no serious or critical
violation, and they and the board's pages pass the checks written here for what axe found
failing (issue 23) and does not check itself, or checks less strictly: pickers named after
their label even on a row added later, links in text underlined (not merely of another
colour), focus outlines and badge text with enough contrast, and an icon the browser finds
(no 404 in the console). axe-core itself on the board's pages, in three languages and two
widths, is tests/board/test_browser_axe_finds_no_serious_violation.py.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
Skips with a reason where Chromium or Playwright is missing, and fails instead in CI."""

from __future__ import annotations

import pytest

from tests.admin.browser import axe_serious_violations, browser_page, log_in
from tests.admin.conftest import page_url, record_url
from tests.board import test_browser_axe_finds_no_serious_violation as axe_test

# WCAG's relative luminance and contrast ratio, over computed `rgb(...)` colours; the
# background of an element is that of its nearest ancestor that paints one (white if none).
CONTRAST_JS = """
window.a11y = {
  rgb: (c) => c.match(/[\\d.]+/g).map(Number),
  lum: (c) => {
    const [r, g, b] = a11y.rgb(c).slice(0, 3).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  },
  ratio: (a, b) => {
    const [x, y] = [a11y.lum(a), a11y.lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  },
  background: (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      const alpha = a11y.rgb(c)[3];
      if (alpha === undefined || alpha > 0) return c;
    }
    return 'rgb(255, 255, 255)';
  },
};
"""

# Links inside a block of text (the nearest block around them says more than they do) told
# apart only by colour: no underline, no bottom border, no background of their own (axe's
# `link-in-text-block`). Links shown as blocks are not in text.
LINKS_TOLD_BY_COLOUR_ONLY = """
() => [...document.querySelectorAll('a[href]')].filter((a) => {
  if (!a.offsetParent || getComputedStyle(a).display !== 'inline') return false;
  let block = a.parentElement;
  while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
  const inText = block.innerText.trim().length > a.innerText.trim().length;
  const s = getComputedStyle(a);
  const distinct = s.textDecorationLine.includes('underline')
    || (s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) > 0)
    || a11y.background(a) !== a11y.background(block);
  return inText && !distinct;
}).map((a) => a.outerHTML.slice(0, 120))
"""

# The focus outline of each focusable element against the background it is drawn on.
FOCUS_CONTRASTS = """
(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.offsetParent || e.matches('.skip'))
  .map((e) => {
    e.focus();
    const s = getComputedStyle(e);
    const around = a11y.background(e.parentElement);
    const r = s.outlineStyle === 'none' ? 0 : a11y.ratio(s.outlineColor, around);
    e.blur();
    return [e.outerHTML.slice(0, 80), r];
  })
"""


def watch_console(page) -> list[str]:
    """Console errors and failed responses (a missing icon is a 404 on every page)."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"),
    )
    return problems


def assert_page_passes(page, problems: list[str], axe: bool = True) -> None:
    """The checks written here, then axe-core itself unless `axe` is false: for the board's
    pages, which tests/board/test_browser_axe_finds_no_serious_violation.py runs axe on in
    every language and at both widths (one axe run a page, language and width)."""
    page.wait_for_load_state("load")
    icons = page.evaluate(
        "() => [...document.querySelectorAll('link[rel=icon]')].map((l) => l.href)"
    )
    assert len(icons) == 1, page.url
    icon_response = page.request.get(icons[0])
    assert icon_response.status == 200, icon_response.status
    assert icon_response.headers["content-type"].startswith("image/svg+xml")
    told_by_colour = page.evaluate(LINKS_TOLD_BY_COLOUR_ONLY)
    assert told_by_colour == [], "\n".join(told_by_colour)
    assert problems == [], page.url
    if not axe:
        return
    serious = axe_serious_violations(page)
    assert serious == [], "\n".join(serious)
    # What axe itself set off is not the page's: its inline styles, which the CSP refuses, and
    # its fetch of the admin's `@import`ed stylesheet resolved against the page's address.
    problems.clear()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_and_admin_pages_pass_the_checks(app, geneva, editor_staff, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_page({"width": 1366, "height": 900}) as page:
        problems = watch_console(page)
        page.add_init_script(CONTRAST_JS)

        for path in ("/", f"/processes/{geneva.slug}/", "/agreements/"):
            # axe itself runs on this page in English at a laptop's width in the axe test.
            assert path[1:] in axe_test.PAGES, path
            assert "" in axe_test.LANGUAGES
            page.goto(live_server.url + path)
            assert_page_passes(page, problems, axe=False)
            # Keyboard focus shows on white and on the grey header alike: >= 3:1.
            contrasts = page.evaluate(FOCUS_CONTRASTS, "a[href], button, input, select")
            assert contrasts
            weak = [(html, round(r, 2)) for html, r in contrasts if r < 3]
            assert weak == [], weak

        log_in(page, live_server.url, page_url(geneva), "editor", "editor-pass-123")
        page.wait_for_url(f"**{page_url(geneva)}")
        assert_page_passes(page, problems)
        # The status badge's text is readable on its colour (axe `color-contrast`): >= 4.5:1.
        badge = page.evaluate(
            "() => { const b = document.querySelector('#process-status .status-badge');"
            " return a11y.ratio(getComputedStyle(b).color, a11y.background(b)); }"
        )
        assert badge >= 4.5, badge

        page.goto(live_server.url + record_url(geneva, "talks_paused"))
        assert_page_passes(page, problems)
        # The actor picker is named after its label, on the first row and on a row added
        # with "Add another" (axe `aria-input-field-name`).
        stated_by = page.get_by_role("combobox", name="Stated by")
        assert stated_by.count() == 1
        page.click("text=Add another stated cause")
        assert stated_by.count() == 2
        unnamed = page.evaluate(
            "() => [...document.querySelectorAll("
            "'.select2-selection, .select2-selection__rendered')]"
            ".filter((e) => e.offsetParent && !(e.getAttribute('aria-labelledby') || '')"
            ".split(' ').some((id) => (document.getElementById(id)?.innerText || '').trim()))"
            ".map((e) => e.outerHTML.slice(0, 120))"
        )
        assert unnamed == []
        assert problems == []

        # On a phone the status table scrolls sideways in place: a keyboard reaches it (axe
        # `scrollable-region-focusable`, serious, found by an outside reader at 375 px).
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(live_server.url + page_url(geneva))
        assert_page_passes(page, problems)
