"""`Accept` is read with its q-values (RFC 9110): the representation the client prefers most
wins, `q=0` refuses one, and among equals the view's own order decides (JSON first)."""

import pytest

from api.negotiation import MediaRange

LIST = "/api/v1/processes/"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/json;q=0.5, text/csv", "text/csv"),
        ("text/csv;q=0.1, application/json", "application/json"),
        ("text/csv; q=0.9, application/json; q=0.8", "text/csv"),
        ("text/csv;q=0, */*", "application/json"),
        ("*/*;q=0.1, text/csv;q=0.2", "text/csv"),
        ("*/*", "application/json"),
        ("", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("text/*;q=0.3, application/json;q=0.2", "text/html"),
    ],
)
def test_the_most_wanted_representation_is_answered(anon, accept, content_type):
    response = anon.get(LIST, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type


def test_what_the_client_refuses_is_not_answered(anon):
    response = anon.get(LIST, HTTP_ACCEPT="text/csv;q=0, application/json;q=0")
    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


def test_the_client_s_parameters_reach_the_renderer(anon):
    response = anon.get("/api/v1/causes/", HTTP_ACCEPT="application/json; indent=4; q=0.9")
    assert response.status_code == 200
    assert response.content.startswith(b'[\n    {\n        "category"')


def test_format_still_narrows_the_choice(anon):
    assert anon.get(LIST, {"format": "csv"}, HTTP_ACCEPT="*/*")["Content-Type"].startswith(
        "text/csv"
    )
    assert anon.get(LIST, {"format": "xls"}).status_code == 406


def test_a_media_range_parses_its_weight_and_parameters():
    ranges = [MediaRange(t) for t in ("text/csv;q=0.5", "application/json; indent=2", "*/*")]
    assert [(r.type, r.quality, r.precedence) for r in ranges] == [
        ("text/csv", 0.5, 2),
        ("application/json", 1.0, 3),
        ("*/*", 1.0, 0),
    ]
    assert MediaRange("text/csv;q=high").quality == 0  # an unreadable weight is no preference
    assert MediaRange("text/csv;q=2").quality == 0
