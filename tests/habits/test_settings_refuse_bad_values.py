"""A malformed setting in the environment stops the start with a message naming the variable,
instead of quietly meaning something else (`EMAIL_USE_TLS=ture` was plaintext SMTP)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = "from django.conf import settings; print({!r}, {})"


def start(tmp_path: Path, setting: str, **variables: str) -> subprocess.CompletedProcess:
    """Read the settings in a process of its own and print `setting`. Every start (gunicorn,
    Celery, `manage.py`) reads them before it loads any application, and every check of a
    variable is made there (tracker/env.py), so reading them is enough: loading the
    applications after it (`django.setup()`) cost 0.85 s of CPU in each process that got past
    the settings, and decided nothing more."""
    env = {k: v for k, v in os.environ.items() if k not in variables}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
        **variables,
    )
    code = SHOW.format("value:", f"settings.{setting}")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("name", "value", "setting"),
    [
        ("EMAIL_USE_TLS", "ture", "EMAIL_USE_TLS"),
        ("PUBLIC_READS", "maybe", "PUBLIC_READS"),
        ("EMAIL_PORT", "2x5", "EMAIL_PORT"),
        ("LOGIN_FAILURE_LIMIT", "-1", "AXES_FAILURE_LIMIT"),
        ("WEBHOOK_DISPATCH_SECONDS", "five", "WEBHOOK_DISPATCH_SECONDS"),
        ("SITE_URL", "tracker.example.org", "SITE_URL"),
        ("CELERY_BROKER_URL", "redis://127.0.0.1:63a9/0", "CELERY_BROKER_URL"),
        ("DATABASE_URL", "postgress://postgres@127.0.0.1/tracker", "DATABASES"),
        ("DATABASE_URL", "mysql://tracker@127.0.0.1/tracker", "DATABASES"),
        ("TRUSTED_PROXIES", "10.0.0.0/8, proxy.example.org", "TRUSTED_PROXIES"),
        ("EARLIEST_DATE", "1900-13-01", "EARLIEST_DATE"),
        ("REBUILD_WORKERS", "0", "REBUILD_WORKERS"),
        ("LOG_LEVEL", "loud", "LOGGING"),
    ],
)
def test_a_malformed_value_stops_the_start_naming_the_variable(tmp_path, name, value, setting):
    done = start(tmp_path, setting, **{name: value})
    assert done.returncode != 0, done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    assert name in last, last
    assert "value:" not in done.stdout


SITE = "https://tracker.example.org"


def test_well_formed_values_are_read(tmp_path):
    done = start(
        tmp_path,
        "EMAIL_USE_TLS, settings.PUBLIC_READS, settings.DEBUG, settings.EMAIL_PORT, "
        "settings.WEBHOOK_DISPATCH_SECONDS, settings.SITE_URL",
        EMAIL_USE_TLS="yes",
        PUBLIC_READS="Off",
        DEBUG="",  # empty: the default, off
        SECRET_KEY="k" * 50,
        EMAIL_PORT="587",
        WEBHOOK_DISPATCH_SECONDS="2.5",
        SITE_URL=SITE,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "True", "False", "False", "587", "2.5", SITE]


def test_debug_is_off_unless_set(tmp_path):
    """A production start that forgets DEBUG shows no debug pages (and needs a SECRET_KEY)."""
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    code = SHOW.format("value:", "settings.DEBUG, settings.SESSION_COOKIE_SECURE")
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "SECRET_KEY": "k" * 50, "TRACKER_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "False", "True"]
    env.pop("SECRET_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "TRACKER_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_trusted_proxies_and_earliest_date_are_read(tmp_path):
    done = start(
        tmp_path,
        "TRUSTED_PROXIES, settings.EARLIEST_DATE",
        TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.7",
        EARLIEST_DATE="1945-10-24",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "IPv4Network('10.0.0.0/8'), IPv4Network('192.0.2.7/32')" in done.stdout
    assert done.stdout.split()[-1] == "1945-10-24"


def test_an_empty_database_url_means_the_default_sqlite(tmp_path):
    """`DATABASE_URL=` (an env file's empty line, `DATABASE_URL= python3 dev.py test`) is unset,
    as every variable here; it was a KeyError on the way to the settings."""
    done = start(tmp_path, "DATABASES['default']['ENGINE']", DATABASE_URL="")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "django.db.backends.sqlite3"]
