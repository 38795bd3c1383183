"""Admin logins are throttled (django-axes): after five wrong passwords for one username from
one address, that pair is refused, even with the right password, until the lockout ends;
another address, or the same address for another account, is not locked out."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

LOGIN = "/admin/login/"


def attempt(client: Client, password: str, *, username: str = "editor", ip: str = "10.0.0.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_five_wrong_passwords_lock_the_account_out_from_that_address(editor_staff, staff):
    client = Client()
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200  # the form again, with its error
    locked = attempt(client, "guess")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content

    right = attempt(client, "editor-pass-123")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session

    # Others are not locked out: the same account from elsewhere, another account from here.
    assert attempt(Client(), "editor-pass-123", ip="10.0.0.8").status_code == 302
    assert attempt(Client(), "staff-pass-123", username="staff").status_code == 302


def test_the_lockout_ends(editor_staff):
    client = Client()
    for _ in range(5):
        attempt(client, "guess")
    assert attempt(client, "editor-pass-123").status_code == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        answer = attempt(client, "editor-pass-123")
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/"


def test_a_success_forgets_the_earlier_failures(editor_staff):
    client = Client()
    for _ in range(4):
        attempt(client, "guess")
    assert attempt(client, "editor-pass-123").status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "guess")
    assert attempt(client, "editor-pass-123").status_code == 302


def test_a_login_whose_next_is_another_site_lands_on_the_admin(editor_staff):
    """The other site is refused (no open redirect), and the login lands on the admin, not on
    Django's default /accounts/profile/, which is no page here."""
    client = Client()
    response = client.post(
        LOGIN + "?next=https://evil.example/",
        {"username": "editor", "password": "editor-pass-123", "next": "https://evil.example/"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get(response["Location"]).status_code == 200
