"""A client that reads French asks in French (`Accept-Language: fr`) and is refused in French;
the refusal's `code`, `status` and `allowed` stay the API's own values, nothing is stored, and
the answer says its language (`Content-Language`) and that it varies with the request's."""

import pytest

from tests.api_fixtures import event

from .test_errors import active, post  # noqa: F401  (the fixture, and a post that checks nothing is stored)

RESUMED = event("talks_resumed", "2016-02-05")


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "fr",
            "Des pourparlers au statut « en cours » ne peuvent pas recevoir « talks_resumed ». "
            "Autorisés maintenant : ",
        ),
        ("es", "Unas conversaciones en estado «en curso» no pueden recibir «talks_resumed»."),
        ("ru", "Переговоры со статусом «идут» не допускают события «talks_resumed»."),
        ("ar", "المحادثات التي حالتها «جارية» لا تقبل «talks_resumed»."),
        ("zh-CN,zh;q=0.9", "状态为“进行中”的会谈不能记录“talks_resumed”。"),
        ("en", "Talks that are active cannot take 'talks_resumed'. Allowed now: "),
    ],
)
def test_a_refused_transition_is_told_in_the_asked_language(editor_api, active, language, detail):  # noqa: F811
    response = editor_api.post(
        active, RESUMED, format="json", headers={"Accept-Language": language}
    )
    data = response.json()
    assert response.status_code == 409
    assert data["detail"].startswith(detail)
    assert (data["code"], data["status"]) == ("invalid_transition", "active")
    assert "talks_paused" in data["allowed"]
    assert response["Content-Language"] == {"zh-CN,zh;q=0.9": "zh-hans"}.get(language, language)
    assert "Accept-Language" in response["Vary"]


def test_a_french_refusal_stores_nothing(editor_api, active):  # noqa: F811
    code, data = post(editor_api, active, RESUMED, **{"Accept-Language": "fr"})
    assert code == 409
    assert "Autorisés maintenant" in data["detail"]


def test_drf_s_own_messages_follow_too(anon):
    response = anon.post("/api/v1/processes/", {}, format="json", headers={"Accept-Language": "fr"})
    assert response.status_code in (401, 403)
    assert response.json()["detail"] == "Informations d'authentification non fournies."
