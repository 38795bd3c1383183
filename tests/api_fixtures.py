import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import cause, event, opening

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
def staff_api(staff):
    return client_for(staff)


@pytest.fixture
def opened(editor_api, actors):
    """A fresh process opened over HTTP, in status planned."""
    response = editor_api.post("/api/v1/processes/", opening(), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


__all__ = ["GENEVA", "cause", "client_for", "event"]
