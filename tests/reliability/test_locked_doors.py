"""R5: every door that should be locked is."""

import os
import subprocess

import pytest
from rest_framework.test import APIClient

from tests.api_fixtures import GENEVA, client_for, event
from tests.subprocess_env import ROOT, manage_command

SCRIPT = "<script>alert(1)</script>"


def test_the_admin_refuses_non_staff(client, reader, geneva):
    client.force_login(reader)
    response = client.get("/admin/negotiations/process/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_token_guessing_is_throttled(geneva, editor, settings):
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"auth_failures": "5/min"},
    }
    guesser = APIClient()
    statuses = []
    for i in range(7):
        guesser.credentials(HTTP_AUTHORIZATION=f"Token guess{i:036d}")
        statuses.append(guesser.get("/api/v1/processes/").status_code)
    assert statuses == [401] * 5 + [429] * 2
    assert guesser.get("/api/v1/processes/").json()["code"] == "throttled"
    # A right token from the same address still works: only failures are refused.
    assert client_for(editor).get("/api/v1/processes/").status_code == 200
    cache.clear()


def manage_check(*args: str, **variables: str) -> subprocess.CompletedProcess:
    """`manage.py check ARGS` in a process of its own, with this environment and `variables`."""
    env = {**os.environ, **variables}
    command = manage_command("check", *args)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-prod-" + "Zq9!x" * 10,
    "ALLOWED_HOSTS": "tracker.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "METRICS_TOKEN": "scraper-token-" + "m" * 20,
    "SITE_URL": "https://tracker.example.org",
}


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    result = manage_check("--deploy", **PRODUCTION, TRACKER_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_a_production_whose_digests_go_to_files_is_warned(tmp_path):
    """EMAIL_BACKEND unset writes every digest to a file: right on a laptop, a silent loss in
    production, so `check` says it there."""
    unset = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_BACKEND"}
    result = manage_check(**unset, EMAIL_BACKEND="", TRACKER_VAR_DIR=str(tmp_path))
    assert "digests.W001" in result.stderr, result.stdout + result.stderr
    assert str(tmp_path / "emails") in result.stderr


def test_a_production_without_its_address_is_warned(tmp_path):
    """A worker writes a digest's links with no request to take an address from: with
    SITE_URL unset every unsubscribe link pointed at 127.0.0.1:8000 and `check --deploy` said
    nothing (an outside attacker's finding)."""
    unset = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    result = manage_check("--deploy", **unset, SITE_URL="", TRACKER_VAR_DIR=str(tmp_path))
    assert "digests.W002" in result.stderr, result.stdout + result.stderr
    assert "SITE_URL is unset" in result.stderr


def test_a_production_whose_metrics_answer_anyone_is_warned(tmp_path):
    """With reads public and no METRICS_TOKEN, /metrics answers anyone (a security review
    read the machine's figures from the README's own recipe): `check` says so."""
    unset = {k: v for k, v in PRODUCTION.items() if k != "METRICS_TOKEN"}
    result = manage_check(**unset, METRICS_TOKEN="", TRACKER_VAR_DIR=str(tmp_path))
    assert "negotiations.W004" in result.stderr, result.stdout + result.stderr
    private = manage_check(
        **unset, METRICS_TOKEN="", PUBLIC_READS="false", TRACKER_VAR_DIR=str(tmp_path)
    )
    assert "negotiations.W004" not in private.stderr, private.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage_check(DEBUG="false", SECRET_KEY="", TRACKER_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.fixture
def hostile(editor_api, geneva):
    """A cause and a note that carry markup."""
    response = editor_api.post(
        f"/api/v1/processes/{GENEVA}/events/",
        event("talks_resumed", "2016-06-01", note=f"Note {SCRIPT}"),
        format="json",
    )
    assert response.status_code == 201
    response = editor_api.post(
        f"/api/v1/processes/{GENEVA}/events/",
        event(
            "talks_suspended",
            "2016-06-02",
            causes=[{"category": "other", "stated_by": "turkey", "description": f"Cause {SCRIPT}"}],
        ),
        format="json",
    )
    assert response.status_code == 201
    return response


def test_markup_is_escaped_in_the_browsable_api(hostile, editor):
    client = APIClient()
    client.force_login(editor)
    for url in (f"/api/v1/processes/{GENEVA}/events/", f"/api/v1/processes/{GENEVA}/"):
        page = client.get(url, HTTP_ACCEPT="text/html").content.decode()
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_is_escaped_in_the_admin(hostile, client, superuser):
    client.force_login(superuser)
    from negotiations.read.models import Process

    process = Process.objects.get(slug=GENEVA)
    page = client.get(f"/admin/negotiations/process/{process.pk}/change/").content.decode()
    assert "Cause &lt;script&gt;" in page
    assert SCRIPT not in page
