"""A machine reader's findings: the refusals of a query's own parameters (a page, rows per
page, `after`, `since`, `overdue`, a filter's process) and of the permissions were English
whatever `Accept-Language` asked, beside a `Content-Language: fr`; and a `page_size` past
the most a page holds was cut to it silently, where the pagination promises never to take a
documented parameter silently."""

from __future__ import annotations

import pytest

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.mark.parametrize(
    ("url", "field", "said"),
    [
        ("/api/v1/processes/?page=0", "page", "Un numéro de page\u00a0: 1, 2, 3 …"),
        ("/api/v1/processes/?page_size=0", "page_size", "Lignes par page\u00a0: de 1 à 500."),
        ("/api/v1/processes/?page_size=501", "page_size", "Lignes par page\u00a0: de 1 à 500."),
        ("/api/v1/events/?after=x", "after", "Doit être un nombre entier d'au moins 0."),
        ("/api/v1/processes/?overdue=maybe", "overdue", "Doit valoir true ou false."),
        ("/api/v1/agreements/?process=nope", "process", "Aucun processus «\u00a0nope\u00a0»."),
        ("/api/v1/status-changes/?process=nope", "process", "Aucun processus «\u00a0nope\u00a0»."),
    ],
)
def test_a_refused_query_is_told_in_french(anon, url, field, said):
    answer = anon.get(url, **FR)
    assert answer.status_code == 400, answer.content
    assert answer["Content-Language"] == "fr"
    assert answer.json()["errors"][field] == [said]


def test_rows_per_page_past_the_most_are_refused_not_cut(anon, geneva):
    assert anon.get("/api/v1/processes/", {"page_size": 500}).status_code == 200
    refused = anon.get("/api/v1/processes/", {"page_size": 501})
    assert refused.status_code == 400
    assert refused.json()["errors"]["page_size"] == ["Rows per page: 1 to 500."]


def test_a_reader_without_the_permission_is_told_in_french(reader_api, geneva):
    answer = reader_api.post("/api/v1/actors/", {"name": "X", "kind": "person"}, **FR)
    assert answer.status_code == 403
    assert "permission d'enregistrer" in answer.json()["detail"]


def test_a_refusal_that_opens_with_a_month_opens_with_a_capital(editor_api, actors):
    """French writes its months in lower case: "février 2012 est antérieur…" opened a
    sentence with a small letter (a reviewer's finding)."""
    from tests.api.recording import opened_over_http
    from tests.api_fixtures import event

    slug = opened_over_http(editor_api, occurred_on="2012-08-26")
    answer = editor_api.post(
        f"/api/v1/processes/{slug}/events/",
        event("talks_convened", "2012-02-01", date_precision="month"),
        format="json",
        **FR,
    )
    assert answer.status_code == 400
    [message] = answer.json()["errors"]["occurred_on"]
    assert message.startswith("Février 2012 est antérieur à l'ouverture du processus"), message


def test_an_unknown_format_is_told_in_french(anon, geneva):
    """It was English in every language (an Arabic reader's outside test)."""
    answer = anon.get("/api/v1/processes/", {"format": "xml"}, **FR)
    assert answer.status_code == 406
    assert answer["Content-Language"] == "fr"
    said = "Pas de format «\u00a0xml\u00a0» ici\u00a0: au choix api, csv, json."
    assert answer.json()["detail"] == said
