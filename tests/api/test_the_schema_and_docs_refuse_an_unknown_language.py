"""The schema and the API's docs take `?lang=` (drf-spectacular's, documented with the six
languages as its enum), as the feeds do: a language the tracker does not speak is a 400 that
names the six, said as every API error is (JSON, `code` `invalid`, the field named), not a
schema in English; a known one, in any case, is answered."""

import json

import pytest

SIX = "ar, zh-hans, en, fr, ru, es"


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
@pytest.mark.parametrize("lang", ["xx", "zh-CN"])
def test_an_unknown_language_is_refused(anon, url, lang):
    """`zh-CN` too: the feeds read it as zh-hans, drf-spectacular would read it as none of
    the six and answer English (a review)."""
    response = anon.get(url, {"lang": lang})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["code"] == "invalid"
    [message] = body["errors"]["lang"]
    assert f"'{lang.lower()}'" in message
    assert SIX in message


@pytest.mark.parametrize("lang", ["fr", "zh-Hans", ""])
def test_a_known_language_or_none_is_answered(anon, lang):
    assert anon.get("/api/v1/schema/", {"lang": lang, "format": "json"}).status_code == 200
    assert anon.get("/api/v1/docs/", {"lang": lang}).status_code == 200


def test_the_schema_documents_the_same_six(anon):
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    [lang] = [
        p for p in schema["paths"]["/api/v1/schema/"]["get"]["parameters"] if p["name"] == "lang"
    ]
    assert sorted(lang["schema"]["enum"]) == sorted(SIX.split(", "))
    assert "400" in schema["paths"]["/api/v1/schema/"]["get"]["responses"]
