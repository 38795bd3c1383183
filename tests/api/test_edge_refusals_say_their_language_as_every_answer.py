"""A refusal made before the view (a NUL in a query, an address that names no endpoint) says
its language as every answer does: `Content-Language`, and `Vary: Accept-Language` so that
no shared cache hands an Arabic refusal to an English reader; and its JSON is written as the
API's renderer writes it, the reader's letters as they are (an Arabic reader's outside test
found neither header, and `\\u064a...` escapes)."""

import pytest

AR = {"HTTP_ACCEPT_LANGUAGE": "ar"}


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/actors/?q=%00", 400), ("/api/v1/no-such-endpoint/", 404)],
)
def test_an_edge_refusal_says_its_language(anon, db, settings, url, status):
    settings.DEBUG = False  # (with it on, Django's debug page answers an unknown address)
    answer = anon.get(url, **AR)
    assert answer.status_code == status
    assert answer["Content-Language"] == "ar"
    assert "Accept-Language" in answer["Vary"]
    text = answer.content.decode()
    assert "\\u" not in text
    assert any("\u0600" <= c <= "\u06ff" for c in answer.json()["detail"]), text
