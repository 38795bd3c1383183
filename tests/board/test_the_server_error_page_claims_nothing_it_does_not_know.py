"""The 500 page said "nothing you sent was recorded unless a page said so": an operator's
outside test had an admin subscription stored behind it (the commit cut after the server
committed). A server error cannot know: the page says to check before sending again."""

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_the_500_page_says_to_check_and_claims_nothing():
    with translation.override("en"):
        page = server_error(RequestFactory().get("/admin/")).content.decode()
    assert "check whether it was saved before you send it again" in page
    assert "nothing you sent was recorded" not in page


def test_it_says_so_in_french():
    with translation.override("fr"):
        page = server_error(RequestFactory().get("/fr/")).content.decode()
    assert "vérifiez s'il a été enregistré" in page
