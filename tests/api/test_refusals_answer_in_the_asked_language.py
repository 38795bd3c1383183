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
            "Des pourparlers au statut «\u00a0en cours\u00a0» ne peuvent pas recevoir "
            "«\u00a0talks_resumed\u00a0». "
            "Autorisés maintenant\u00a0: ",
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


# The tracker's own refusals, each in Arabic and French (DESIGN.md: the API's error detail
# is in the six languages), where they stayed English.
ASKED = {
    "ar": {
        # A slug, a date or a number set in Arabic text is isolated (U+2068 ... U+2069): it
        # keeps its own direction ("2099-01-01" read reversed without it).
        "no_process": "لا توجد عملية «\u2068nope\u2069».",
        "page": "الصفحة 99 غير موجودة: ",
        "position": "لا توجد عملية كتابة موضعها 99999: ",
        "future": "\u20682099-01-01\u2069 تاريخ في المستقبل (اليوم هو ",
        "url": "أدخل عنوان URL صالحاً يبدأ بـ http أو https.",
        "required": "هذا الحقل مطلوب.",
        "webhook": "لا تُرسَل الخطافات الشبكية (webhooks) إلا إلى عناوين عامة",
        "after": "لا يوجد حدث موضعه 99999: ",
        "redeliver": "لا يوجد حدث موضعه 99999: ",
        "credentials": "احذف اسم المستخدم وكلمة المرور من عنوان URL",
        "published": "\u20682999-01-01\u2069 تاريخ في المستقبل (اليوم هو ",
    },
    "fr": {
        "no_process": "Aucun processus «\u00a0nope\u00a0».",
        "page": "La page 99 n'existe pas\u00a0: ",
        "position": "Aucune écriture n'a la position 99999\u00a0: ",
        "future": "2099-01-01 est dans le futur (nous sommes le ",
        "url": "Saisissez une URL http(s) valide.",
        "required": "Ce champ est obligatoire.",
        "webhook": "Les webhooks ne sont envoyés qu'à des adresses publiques",
        "after": "Aucun événement n'a la position 99999\u00a0: ",
        "redeliver": "Aucun événement n'a la position 99999\u00a0: ",
        "credentials": "Retirez le nom d'utilisateur et le mot de passe de l'URL",
        "published": "2999-01-01 est dans le futur (nous sommes le ",
    },
}


@pytest.mark.parametrize("language", list(ASKED))
def test_the_tracker_s_own_refusals_are_told_in_the_asked_language(
    editor_api,
    active,  # noqa: F811
    language,
):
    said = ASKED[language]
    asked = {"Accept-Language": language}

    def get(url):
        return editor_api.get(url, headers=asked).json()

    assert get("/api/v1/processes/nope/")["detail"] == said["no_process"]
    assert get("/api/v1/processes/?page=99")["detail"].startswith(said["page"])
    position = get("/api/v1/processes/?min_position=99999")
    assert position["code"] == "position_unknown"
    assert position["errors"]["min_position"][0].startswith(said["position"])
    slug = active.split("/")[-3]
    future = get(f"/api/v1/processes/{slug}/status/?as_of=2099-01-01")
    assert future["errors"]["as_of"][0].startswith(said["future"])
    body = event("talks_paused", "2016-02-03", sources=[{"url": "ftp://x", "outlet": ""}])
    code, data = post(editor_api, active, body, **asked)
    assert code == 400
    assert data["errors"]["sources[0].url"] == [said["url"]]
    assert data["errors"]["sources[0].outlet"] == [said["required"]]
    webhook = editor_api.post(
        "/api/v1/webhooks/",
        {"url": "http://127.0.0.1:6379/", "processes": [], "kinds": ["event"]},
        format="json",
        headers=asked,
    ).json()
    assert webhook["errors"]["url"][0].startswith(said["webhook"])
    feed = get("/api/v1/events/?after=99999")
    assert feed["errors"]["after"][0].startswith(said["after"])
    with_password = {"url": "https://a:b@example.org/", "processes": [], "kinds": ["event"]}
    refused = editor_api.post("/api/v1/webhooks/", with_password, format="json", headers=asked)
    assert refused.json()["errors"]["url"][0].startswith(said["credentials"])
    hook = editor_api.post(
        "/api/v1/webhooks/",
        {"url": "https://example.org/hook", "processes": [], "kinds": ["event"]},
        format="json",
    ).json()
    again = editor_api.post(
        f"/api/v1/webhooks/{hook['id']}/redeliver/",
        {"from_position": 99999},
        format="json",
        headers=asked,
    ).json()
    assert again["errors"]["from_position"][0].startswith(said["redeliver"])
    source = {"url": "https://e.org/a", "outlet": "E", "published_on": "2999-01-01"}
    code, data = post(
        editor_api,
        active,
        event("talks_paused", "2016-02-03", sources=[source], expected_resumption_on="2016-02-25"),
        **asked,
    )
    assert code == 400, data
    assert "sources[0].published_on" in data["errors"], data
    assert data["errors"]["sources[0].published_on"][0].startswith(said["published"])
