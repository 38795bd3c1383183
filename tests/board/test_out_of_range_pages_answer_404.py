"""A page that does not exist (past the last, not a number, zero or negative) answers 404, as
Django's paginated list views do, on the list and on a process's timeline: never 200 with
another page's content under the address asked for."""

import pytest

from .conftest import open_many

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.mark.parametrize("page", ["3", "abc", "-1", "0", "1.5"])
def test_a_page_of_the_list_that_does_not_exist_is_404(app, actors, client, geneva, page):
    open_many(app, 60)  # 62 processes: two pages
    assert client.get("/", {"page": "2"}).status_code == 200
    assert client.get("/", {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["2", "abc", "-1"])
def test_a_page_of_the_timeline_that_does_not_exist_is_404(client, geneva, page):
    assert client.get(GENEVA, {"page": "1"}).status_code == 200
    assert client.get(GENEVA, {"page": page}).status_code == 404


def test_the_only_page_of_an_empty_list_is_there(client, db):
    assert client.get("/", {"page": "1"}).status_code == 200
    assert client.get("/", {"page": ""}).status_code == 200  # as ListView: the first
