"""Issue 21, item 9: /metrics follows PUBLIC_READS. With reads private it answers only a
scraper holding METRICS_TOKEN (`Authorization: Bearer ...`), 403 otherwise; a token set
also guards it while reads are public."""

from __future__ import annotations

import pytest

TOKEN = "scrape-" + "s" * 32


@pytest.fixture
def private(settings):
    settings.PUBLIC_READS = False
    settings.METRICS_TOKEN = TOKEN


def test_public_reads_and_no_token_keep_metrics_public(client, db, settings):
    settings.PUBLIC_READS, settings.METRICS_TOKEN = True, ""
    assert client.get("/metrics").status_code == 200


def test_private_reads_refuse_metrics_without_the_token(client, db, private):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Token {TOKEN}").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer é\u00ff").status_code == 403


def test_private_reads_answer_the_token(client, db, private):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert b"tracker_projection_lag_events" in response.content


def test_private_reads_without_a_token_set_refuse_everyone(client, db, settings):
    settings.PUBLIC_READS, settings.METRICS_TOKEN = False, ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_a_token_set_guards_metrics_even_while_reads_are_public(client, db, settings):
    settings.PUBLIC_READS, settings.METRICS_TOKEN = True, TOKEN
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
