"""The suite hashes its users' passwords with a fast hasher (tests/settings.py: MD5, about
0.1 ms instead of PBKDF2's 0.3 s), the processes its tests start (tests/subprocess_env.py)
verify those passwords, and production keeps Django's default hashers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from tests.integration.helpers import run_ok
from tests.subprocess_env import ROOT, manage_command, subprocess_env

# Read from the settings alone, as every start reads them first (loading the applications
# after it would decide nothing more).
FIRST_HASHER = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"


def test_a_user_of_the_suite_gets_the_fast_hasher(db):
    user = User.objects.create_user("quick", password="quick-pass-123")
    assert user.password.startswith("md5$"), user.password
    assert user.check_password("quick-pass-123")


@pytest.mark.django_db(transaction=True)
def test_a_process_a_test_starts_verifies_the_passwords_of_the_suites_users():
    User.objects.create_user("desk", password="desk-pass-123")
    check = (
        "from django.contrib.auth.models import User; "
        "print(User.objects.get(username='desk').check_password('desk-pass-123'))"
    )
    done = subprocess.run(
        manage_command("shell", "-c", check),
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "True", done.stdout + done.stderr[-2000:]


def test_production_keeps_djangos_default_hashers(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
    )
    first = run_ok([sys.executable, "-c", FIRST_HASHER], env, timeout=60)
    assert first.strip() == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
