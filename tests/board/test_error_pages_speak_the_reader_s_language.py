"""A page that is not there, or a request that fails, is said in the reader's language: with
DEBUG off Django's own fallbacks said "Not Found: The requested resource was not found on this
server." in English on every board page (a reader's sweep in Arabic and French found them)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults


@pytest.fixture
def production_pages(settings):
    settings.DEBUG = False  # Django shows its technical 404 with DEBUG on


def title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found, html[:500]
    return found.group(1).strip()


@pytest.mark.parametrize(
    ("url", "lang", "heading", "said"),
    [
        ("/fr/processes/nope/", "fr", "Introuvable", "Aucun processus «\u00a0nope\u00a0»."),
        ("/ar/processes/nope/", "ar", "غير موجود", "لا توجد عملية «nope»."),
        ("/fr/no-such-page/", "fr", "Introuvable", "Il n'y a rien à cette adresse."),
        ("/no-such-page/", "en", "Not found", "There is nothing at this address."),
        # Refused before the language is chosen: a path no database can store.
        ("/fr/processes/a%00b/", "fr", "Introuvable", "Introuvable."),
        ("/digests/unsubscribe/nope/", "fr", "Introuvable", "Cet abonnement n'existe pas."),
    ],
)
def test_a_page_not_found_is_said_in_the_reader_s_language(
    client, geneva, production_pages, url, lang, heading, said
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert title(html).startswith(heading)
    assert said in unescape(html)  # an apostrophe is written &#x27;
    assert "The requested resource" not in html
    assert "Resolver404" not in html  # never the resolver's inner details
    assert not {"Not found.", "No such subscription."} & set(re.findall(r"<p>(.*?)</p>", html))


def test_a_server_error_is_said_in_the_reader_s_language(db):
    request = RequestFactory().get("/ar/")
    with translation.override("ar"):
        html = defaults.server_error(request).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "خطأ في الخادم" in html
    assert "Server Error" not in html


def test_a_bad_request_is_said_in_the_reader_s_language(client, production_pages, settings):
    """A request for another host is a 400 whose page reads nothing of the request."""
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    response = client.get("/fr/", HTTP_HOST="scanner.example")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "heading", "said"),
    [
        ("en", "Not allowed", "You may not see this page."),
        ("fr", "Non autorisé", "Vous ne pouvez pas voir cette page."),
    ],
)
def test_a_page_refused_to_a_logged_in_user_is_said_in_the_reader_s_language(
    client, staff, geneva, production_pages, lang, heading, said
):
    """A staff member who may not record events asks for the form that records one."""
    client.force_login(staff)
    client.cookies["django_language"] = lang
    response = client.get(f"/admin/negotiations/process/{geneva.id}/record/")

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert title(html).startswith(heading)
    assert f"<p>{said}</p>" in html
    assert "403 Forbidden" not in html  # Django's own fallback
