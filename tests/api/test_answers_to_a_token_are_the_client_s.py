"""An API answer to a request with a token is that client's: no shared cache may hand it to
another (an outside attacker found the webhook list, receivers' addresses included, sent with
nothing but `Vary: Accept, Accept-Language`)."""

from tests.api_fixtures import GENEVA


def vary(response) -> set[str]:
    return {value.strip() for value in response.get("Vary", "").split(",")}


def test_an_answer_to_a_token_is_private_and_varies_by_it(editor_api, geneva):
    editor_api.post(
        "/api/v1/webhooks/",
        {"url": "https://example.org/hook", "processes": [], "kinds": ["event"]},
        format="json",
    )
    for url in ("/api/v1/webhooks/", f"/api/v1/processes/{GENEVA}/"):
        response = editor_api.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"], url
        assert "Authorization" in vary(response), url


def test_a_public_answer_stays_public_but_varies_by_the_token(anon, geneva):
    """The same address answered without a token says it would differ with one, so that a
    cache keeps the two apart; it is not made private."""
    response = anon.get(f"/api/v1/processes/{GENEVA}/")
    assert response.status_code == 200
    assert "Authorization" in vary(response)
    assert "private" not in response.get("Cache-Control", "")


def test_a_shown_secret_stays_no_store_alone(editor_api, geneva):
    response = editor_api.post(
        "/api/v1/webhooks/",
        {"url": "https://example.org/hook", "processes": [], "kinds": ["event"]},
        format="json",
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"


def test_an_answer_to_a_signed_in_session_is_private(client, editor, geneva):
    """The browsable API's session (a review: `Vary: Cookie`, but no `private`)."""
    client.force_login(editor)
    response = client.get(f"/api/v1/processes/{GENEVA}/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
