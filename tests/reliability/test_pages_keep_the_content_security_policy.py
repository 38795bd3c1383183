"""Issue 21, item 9: every answer carries a strict Content-Security-Policy and a
Permissions-Policy, and the pages people open in a browser work under them: the board, a
process page, the admin (login, a process page, a record form), the API docs (Swagger UI
and Redoc) raise no violation in Debian's Chromium, and the docs actually render."""

from __future__ import annotations

import pytest

from tests.admin.browser import CHROMIUM, CHROMIUM_ARGS, require_browser

GENEVA = "intra-syrian-talks-geneva"


def test_every_answer_carries_both_policies(client, geneva):
    for url in ("/", f"/processes/{GENEVA}/", "/api/v1/processes/", "/admin/login/", "/nowhere/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0], url
        assert "frame-ancestors 'none'" in policy, url
        assert "camera=()" in response.headers["Permissions-Policy"], url
        assert "geolocation=()" in response.headers["Permissions-Policy"], url


def test_an_inline_style_or_script_carries_the_nonce_of_its_answer(client, geneva, superuser):
    client.force_login(superuser)
    from negotiations.read.models import Process

    pk = Process.objects.get(slug=GENEVA).pk
    response = client.get(f"/admin/negotiations/process/{pk}/change/")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<style nonce="{nonce}">' in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_raise_no_policy_violation_in_a_browser(geneva, superuser, live_server, monkeypatch):
    require_browser()
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from negotiations.digests.models import Subscription
    from negotiations.read.models import Process

    pk = Process.objects.get(slug=GENEVA).pk
    # A feed reader's outside test: the unsubscribe link's page submitted itself by a script,
    # so a mail scanner fetching links in a browser unsubscribed the reader, and its style
    # attributes were refused by the policy.
    subscriber = Subscription.objects.create(email="reader@example.org", language="fr")
    violations: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda m: (
                    violations.append(f"{page.url}: {m.text}")
                    if "Content Security Policy" in m.text or m.text.startswith("Refused to")
                    else None
                ),
            )
            # Reported by the page itself, whatever the console says.
            page.add_init_script(
                "document.addEventListener('securitypolicyviolation', e => console.error("
                "'Refused to ' + e.violatedDirective + ' ' + e.blockedURI + ' (Content "
                "Security Policy)'))"
            )

            def visit(path: str) -> None:
                page.goto(live_server.url + path)
                page.wait_for_load_state("networkidle")

            visit("/")
            expect(page.locator("h1")).to_have_text("Where every peace process stands")
            assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"  # CSS on
            visit(f"/processes/{GENEVA}/")
            visit("/about/")
            visit(f"/digests/unsubscribe/{subscriber.unsubscribe_token}/")
            expect(page.locator("button[type=submit]")).to_be_visible()
            assert page.evaluate("getComputedStyle(document.body).marginTop") == "48px"  # 3rem
            subscriber.refresh_from_db()
            assert subscriber.active  # fetched in a browser, not pressed: nobody unsubscribed

            visit("/admin/login/")
            page.fill("#id_username", "root")
            page.fill("#id_password", "root-pass-123")
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")
            visit(f"/admin/negotiations/process/{pk}/change/")
            expect(page.locator("#process-status")).to_be_visible()
            visit("/admin/negotiations/process/")
            visit(f"/admin/negotiations/process/{pk}/record/talks_resumed/")

            visit("/api/v1/docs/")
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Negotiation tracker")
            expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
            visit("/api/v1/redoc/")
            expect(page.locator("redoc h1, #redoc-container h1, h1").first).to_contain_text(
                "Negotiation tracker"
            )
            visit("/api/v1/processes/")  # the browsable API
        finally:
            browser.close()
    # Redoc shows Redocly's logo from its CDN, and has no option to leave it out: it stays
    # refused (the docs load nothing from elsewhere), the only violation allowed.
    logo = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    unexpected = [v for v in violations if "/api/v1/redoc/" not in v or logo not in v]
    assert not unexpected, "\n".join(unexpected)


def test_only_pages_showing_others_styles_allow_inline_styles(client, superuser):
    """The digest preview (an email's own <style>, in a sandboxed frame that inherits the
    policy), Redoc and the browsable API allow inline styles; scripts stay strict there too."""
    from django.urls import reverse

    from negotiations.digests.models import Subscription

    client.force_login(superuser)
    subscription = Subscription.objects.create(email="d@example.org")
    preview = reverse("admin:digests_subscription_preview", args=[subscription.pk])
    relaxed = [preview, "/api/v1/redoc/", "/api/v1/processes/?format=api"]
    for url in relaxed:
        policy = client.get(url).headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert "'unsafe-inline'" in directives["style-src"], url
        assert "'unsafe-inline'" not in directives["script-src"], url
    for url in ("/api/v1/docs/", "/api/v1/processes/", "/"):
        policy = client.get(url).headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy, url
