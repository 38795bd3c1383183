"""A malformed setting in the environment stops the start with a message naming the variable,
instead of quietly meaning something else (`EMAIL_USE_TLS=ture` was plaintext SMTP)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.habits.reading_settings import ROOT, SHOW, start
from tests.subprocess_env import manage_command

# A key as `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` makes one.
STRONG = "Zq9-x" * 10 + "r7Kp2"


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
        ("TIME_ZONE", "Mars/Olympus_Mons", "TIME_ZONE"),
        # Read by the API's throttle at the first failed token, where it was a 500.
        ("AUTH_FAILURE_RATE", "lots", "REST_FRAMEWORK"),
        ("AUTH_FAILURE_RATE", "0/min", "REST_FRAMEWORK"),
        # Celery's own refusal of an hour past 23 named no variable.
        ("DIGEST_HOUR_UTC", "24", "DIGEST_HOUR_UTC"),
        ("EMAIL_PORT", "99999", "EMAIL_PORT"),
        # Zero where it means nothing: no digest sent, no attempt, a lease gone at once.
        ("DIGEST_BATCH_SIZE", "0", "DIGEST_BATCH_SIZE"),
        ("DIGEST_MAX_ATTEMPTS", "0", "DIGEST_MAX_ATTEMPTS"),
        ("WEBHOOK_TIMEOUT_SECONDS", "0", "WEBHOOK_TIMEOUT_SECONDS"),
        ("WEBHOOK_CONNECT_SECONDS", "0", "WEBHOOK_CONNECT_SECONDS"),
        # A lease a request can outlast: a second worker would send beside the first.
        ("WEBHOOK_LEASE_SECONDS", "15", "WEBHOOK_LEASE_SECONDS"),
        # A digest lease a send can outlast: the same digest mailed twice.
        ("DIGEST_LEASE_SECONDS", "60", "DIGEST_LEASE_SECONDS"),
        ("WEBHOOK_DISPATCH_SECONDS", "0", "WEBHOOK_DISPATCH_SECONDS"),
        ("DATABASE_URL", "sqlite://", "DATABASES"),
        # No lock wait at all would fail every write that meets another's lock.
        ("DATABASE_LOCK_TIMEOUT_SECONDS", "0", "DATABASE_LOCK_TIMEOUT_SECONDS"),
        # Read by prometheus_client: a folder not made was a traceback at the first metric.
        ("PROMETHEUS_MULTIPROC_DIR", "/nonexistent/tracker-metrics", "PROMETHEUS_MULTIPROC_DIR"),
    ],
)
def test_a_malformed_value_stops_the_start_naming_the_variable(
    python_c, tmp_path, name, value, setting
):
    done = start(python_c, tmp_path, setting, **{name: value})
    assert done.returncode != 0, done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    assert name in last, last
    assert "value:" not in done.stdout


SITE = "https://tracker.example.org"


def test_well_formed_values_are_read(python_c, tmp_path):
    done = start(
        python_c,
        tmp_path,
        "EMAIL_USE_TLS, settings.PUBLIC_READS, settings.DEBUG, settings.EMAIL_PORT, "
        "settings.WEBHOOK_DISPATCH_SECONDS, settings.SITE_URL",
        EMAIL_USE_TLS="yes",
        PUBLIC_READS="Off",
        DEBUG="",  # empty: the default, off
        SECRET_KEY=STRONG,
        EMAIL_PORT="587",
        WEBHOOK_DISPATCH_SECONDS="2.5",
        SITE_URL=SITE,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "True", "False", "False", "587", "2.5", SITE]


def test_hsts_covers_subdomains_and_asks_preloading_unless_turned_off(python_c, tmp_path):
    """A newcomer's outside test: `includeSubDomains; preload` were always sent, with no way
    to turn them off and no word of them in the README."""
    read = "SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD"
    done = start(python_c, tmp_path, read, DEBUG="false", SECRET_KEY=STRONG)
    assert done.stdout.split() == ["value:", "True", "True"], done.stderr[-2000:]
    done = start(
        python_c,
        tmp_path,
        read,
        DEBUG="false",
        SECRET_KEY=STRONG,
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="no",
    )
    assert done.stdout.split() == ["value:", "False", "False"], done.stderr[-2000:]


def test_the_lease_outlasts_a_request_s_deadline(python_c, tmp_path):
    """A longer deadline moves the lease's default and its least value with it."""
    done = start(python_c, tmp_path, "WEBHOOK_LEASE_SECONDS", WEBHOOK_TIMEOUT_SECONDS="55")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "120"]  # twice the 5 + 55 s a request may take
    done = start(python_c, tmp_path, "WEBHOOK_LEASE_SECONDS", WEBHOOK_LEASE_SECONDS="16")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "16"]  # past the default 5 + 10 s
    done = start(
        python_c,
        tmp_path,
        "WEBHOOK_LEASE_SECONDS",
        WEBHOOK_TIMEOUT_SECONDS="55",
        WEBHOOK_LEASE_SECONDS="60",
    )
    assert done.returncode != 0
    assert "WEBHOOK_LEASE_SECONDS" in done.stderr.strip().splitlines()[-1]


def test_the_digest_lease_outlasts_a_send(python_c, tmp_path):
    done = start(python_c, tmp_path, "DIGEST_LEASE_SECONDS", EMAIL_TIMEOUT="600")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "1200"]  # the default follows a longer timeout
    done = start(
        python_c, tmp_path, "DIGEST_LEASE_SECONDS", EMAIL_TIMEOUT="5", DIGEST_LEASE_SECONDS="6"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "6"]


def test_debug_is_off_unless_set(python_c, tmp_path):
    """A production start that forgets DEBUG shows no debug pages (and needs a SECRET_KEY)."""
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    code = SHOW.format("value:", "settings.DEBUG, settings.SESSION_COOKIE_SECURE")
    var = str(tmp_path / "var")
    done = python_c.python_c(
        code, {**env, "SECRET_KEY": STRONG, "TRACKER_VAR_DIR": var}, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["value:", "False", "True"]
    env.pop("SECRET_KEY", None)
    done = python_c.python_c(code, {**env, "TRACKER_VAR_DIR": var}, cwd=tmp_path)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]  # said as every other setting's refusal
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    assert "SECRET_KEY" in last


def test_trusted_proxies_and_earliest_date_are_read(python_c, tmp_path):
    done = start(
        python_c,
        tmp_path,
        "TRUSTED_PROXIES, settings.EARLIEST_DATE",
        TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.7",
        EARLIEST_DATE="1945-10-24",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "IPv4Network('10.0.0.0/8'), IPv4Network('192.0.2.7/32')" in done.stdout
    assert done.stdout.split()[-1] == "1945-10-24"


# Every variable whose default is not empty (tracker/env.py: unset or empty means the default).
DEFAULTED = (
    "DATABASE_URL",
    "TRACKER_VAR_DIR",
    "ALLOWED_HOSTS",
    "EVENT_STORE_SQLITE_PATH",
    "EVENT_STORE_POSTGRES_SCHEMA",
    "TIME_ZONE",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
    "CELERY_TASK_DEFAULT_QUEUE",
    "AUTH_FAILURE_RATE",
)
READ = (
    "DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], settings.VAR_DIR,"
    " settings.ALLOWED_HOSTS, settings.EVENT_STORE, settings.TIME_ZONE, settings.EMAIL_BACKEND,"
    " settings.EMAIL_FILE_PATH, settings.EMAIL_HOST, settings.DEFAULT_FROM_EMAIL,"
    " settings.CELERY_TASK_DEFAULT_QUEUE, settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']"
)


def test_an_empty_variable_means_its_default(python_c, tmp_path):
    """`TIME_ZONE=` (an env file's empty line) is unset, as the README says of every variable:
    an empty DATABASE_URL was a KeyError on the way to the settings, an empty ALLOWED_HOSTS
    refused every request, an empty schema or queue name was used as a name."""
    base = {k: v for k, v in os.environ.items() if k not in DEFAULTED}
    base.update(DJANGO_SETTINGS_MODULE="tracker.settings", PYTHONPATH=str(ROOT))
    code = SHOW.format("value:", f"settings.{READ}")
    answers = []
    for env in (base, {**base, **dict.fromkeys(DEFAULTED, "")}):
        done = python_c.python_c(code, env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        answers.append(done.stdout)
    assert answers[0] == answers[1]
    shown = answers[0].split()
    assert shown[1:3] == ["django.db.backends.sqlite3", str(ROOT / "var" / "tracker.sqlite3")]
    assert "UTC" in shown
    assert "'20/min'}" in shown


@pytest.mark.parametrize(
    "key",
    [
        " ",  # blank: read as unset, never as a key of one space
        "change-me-to-50-random-characters",  # the README's placeholder, 33 characters
        "k" * 50,  # long, but one character
        "django-insecure-" + STRONG,  # Django's own mark of a development key
    ],
)
def test_a_weak_secret_key_stops_a_production_start(python_c, tmp_path, key):
    """With DEBUG off, SECRET_KEY signs sessions and derives the key sealing the webhooks'
    secrets: one that `check --deploy` would call weak (W009) stops the start, naming it."""
    done = start(python_c, tmp_path, "SECRET_KEY", DEBUG="false", SECRET_KEY=key)
    assert done.returncode != 0, done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    assert "SECRET_KEY" in last, last


def test_the_old_keys_are_read_from_secret_key_fallbacks(python_c, tmp_path):
    """Rotating SECRET_KEY keeps the old one in SECRET_KEY_FALLBACKS (README): sessions and
    the webhooks' sealed secrets still open with it. The variable was never read."""
    old = "Old-key-" + STRONG
    done = start(
        python_c,
        tmp_path,
        "SECRET_KEY_FALLBACKS",
        DEBUG="false",
        SECRET_KEY=STRONG,
        SECRET_KEY_FALLBACKS=f" {old} , another-{old}",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"value: {[old, 'another-' + old]!r}"


def test_manage_py_says_a_refused_value_in_one_line(tmp_path):
    """An operator ran `manage.py migrate` with a bad value and read the refusal at the end
    of a 30-line traceback; manage.py says it alone, and stops (a deployment's review)."""
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_PORT"}
    env.update(EMAIL_PORT="99999", TRACKER_VAR_DIR=str(tmp_path / "var"))
    done = subprocess.run(
        manage_command("check"), cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "The tracker's settings: The environment variable EMAIL_PORT='99999' is not a whole "
        "number from 1 to 65535."
    ], done.stderr


def test_manage_py_still_takes_its_own_settings_and_version(tmp_path):
    """Reading the settings before Django parsed `--settings` fixed them to the default
    module, and `--version` died on a bad environment (a review of the change above)."""
    env = {**os.environ, "DEBUG": "true", "TRACKER_VAR_DIR": str(tmp_path / "var")}
    chosen = subprocess.run(
        manage_command("diffsettings", "--settings=tests.settings"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "SETTINGS_MODULE = 'tests.settings'" in chosen.stdout, chosen.stdout + chosen.stderr
    version = subprocess.run(
        manage_command("--version"),
        cwd=ROOT,
        env={**env, "EMAIL_PORT": "99999"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip()[:1].isdigit()
