"""Signing secrets are stored only sealed (Fernet): the database column never holds one in
the clear, and the keys come from the environment (WEBHOOK_SECRET_KEYS, the first sealing,
all opening; by default one derived from SECRET_KEY), so a key can be rotated without losing
a secret."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from negotiations.webhooks import crypto, services
from negotiations.webhooks.models import Endpoint
from tests.subprocess_env import ROOT

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def raw_column(endpoint: Endpoint) -> str:
    """The column as the database holds it, read without the model."""
    pk = Endpoint._meta.pk.get_db_prep_value(endpoint.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_secret FROM webhooks_endpoint WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_column_holds_the_secret_sealed_never_in_the_clear(db, settings):
    settings.WEBHOOK_SECRET_KEYS = []  # the default: a key derived from SECRET_KEY
    endpoint = services.endpoint_create(url="https://example.org/h", processes=[], kinds=["event"])
    secret = endpoint.secret
    stored = raw_column(endpoint)
    assert secret.startswith("whsec_")
    assert secret not in stored
    assert secret.removeprefix("whsec_") not in stored
    assert Fernet(crypto.key_from(settings.SECRET_KEY)).decrypt(stored.encode()).decode() == secret
    columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "webhooks_endpoint"
        )
    ]
    assert "secret" not in columns


def test_keys_from_the_environment_rotate_without_losing_a_secret(db, settings):
    settings.WEBHOOK_SECRET_KEYS = [KEY_A]
    endpoint = services.endpoint_create(url="https://example.org/h", processes=[], kinds=["event"])
    secret = endpoint.secret
    assert Fernet(KEY_A).decrypt(raw_column(endpoint).encode()).decode() == secret

    settings.WEBHOOK_SECRET_KEYS = [KEY_B, KEY_A]  # a new key first: the old one still opens
    assert Endpoint.objects.get().secret == secret
    call_command("reseal_webhook_secrets", stdout=open("/dev/null", "w"))
    assert Fernet(KEY_B).decrypt(raw_column(endpoint).encode()).decode() == secret
    with pytest.raises(InvalidToken):
        Fernet(KEY_A).decrypt(raw_column(endpoint).encode())

    settings.WEBHOOK_SECRET_KEYS = [KEY_B]  # the old key dropped
    assert Endpoint.objects.get().secret == secret
    settings.WEBHOOK_SECRET_KEYS = [KEY_A]  # a wrong key: a clear error, not a wrong secret
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    with pytest.raises(crypto.SecretUnreadable, match="WEBHOOK_SECRET_KEYS"):
        Endpoint.objects.get().secret  # noqa: B018


def test_a_key_rotation_reseals_the_secrets_still_signing_after_two_rotations(db, settings):
    """The secrets of two rotations within a grace period sign too (older_secrets): the key
    rotation reseals them as well, or dropping the old key would lose them."""
    settings.WEBHOOK_SECRET_KEYS = [KEY_A]
    settings.WEBHOOK_SECRET_GRACE_SECONDS = 3600
    endpoint = services.endpoint_create(url="https://example.org/h", processes=[], kinds=["event"])
    first = endpoint.secret
    _, second = services.endpoint_rotate_secret(endpoint=endpoint)
    _, third = services.endpoint_rotate_secret(endpoint=endpoint)
    settings.WEBHOOK_SECRET_KEYS = [KEY_B, KEY_A]
    call_command("reseal_webhook_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.WEBHOOK_SECRET_KEYS = [KEY_B]  # the old key dropped
    signing = Endpoint.objects.get().signing_secrets(datetime.now(UTC))
    assert signing == [third, second, first]


def start(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    """Load the settings in a process of their own, as the server would."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(ROOT),
        "DEBUG": "true",  # only the variable under test is wrong (DEBUG off would want SECRET_KEY)
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def refusal(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    return last


def test_a_key_that_is_not_one_stops_the_start_without_showing_it(tmp_path):
    done = start(tmp_path, WEBHOOK_SECRET_KEYS=f"{KEY_A}, not-a-key-s3cr3t")
    assert "WEBHOOK_SECRET_KEYS: key 2 is not a Fernet key" in refusal(done)
    assert "s3cr3t" not in done.stderr


def test_a_ca_bundle_that_is_not_a_file_stops_the_start(tmp_path):
    done = start(tmp_path, WEBHOOK_CA_BUNDLE=str(tmp_path / "no-such.pem"))
    assert "WEBHOOK_CA_BUNDLE" in refusal(done)
