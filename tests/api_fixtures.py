import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import cause, event, opening
from tracker import tokens

GENEVA = "intra-syrian-talks-geneva"


# The keys issued, by user: the table keeps only their digests (tracker.tokens).
_keys: dict[int, str] = {}


def key_for(user: User) -> str:
    """The user's API key: the one issued earlier while its token stands (a second client of
    one user must not end the first's), else a new one."""
    key = _keys.get(user.pk)
    if key is None or not Token.objects.filter(user=user, key=tokens.digest(key)).exists():
        key = _keys[user.pk] = tokens.issue(user, rotate=True) or ""
    return key


def client_for(user: User | None) -> APIClient:
    """A client that authenticates the way a real consumer does: with a token."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key_for(user)}")
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
