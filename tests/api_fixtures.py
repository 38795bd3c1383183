import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import SOURCE, cause, opening

GENEVA = "intra-syrian-talks-geneva"


def client_for(user: User | None) -> APIClient:
    """A client that authenticates the way a real consumer does: with a token."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anon(db):
    return APIClient()


@pytest.fixture
def editor_api(editor):
    return client_for(editor)


@pytest.fixture
def reader_api(reader):
    return client_for(reader)


@pytest.fixture
def staff_api(db):
    return client_for(User.objects.create_user("staff", "s@example.org", "x", is_staff=True))


@pytest.fixture
def opened(editor_api, actors):
    """A fresh process opened over HTTP, in status planned."""
    response = editor_api.post("/api/v1/processes/", opening(), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def event(type_: str, occurred_on: str = "2016-02-01", **fields):
    return {"type": type_, "occurred_on": occurred_on, "sources": [SOURCE], **fields}


__all__ = ["GENEVA", "cause", "client_for", "event"]
