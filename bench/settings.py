"""Settings for benchmark runs: the tracker's own, on databases of the bench's own, plus the
CRUD baseline app (a status model with django-simple-history) and its URLs.

BENCH_BACKEND is `sqlite` (files under var/bench/) or `postgres` (database `tracker_bench`, or
the one `BENCH_POSTGRES_URL` names, its name containing `bench`; never the dev or test
database); BENCH_DB names the store, so that cases do not share one.
"""

import os

import dj_database_url

# The tracker's development settings underneath (its key, plain HTTP on loopback); DEBUG
# itself is off below. The tracker's own default is DEBUG off, which asks for SECRET_KEY.
os.environ.setdefault("DEBUG", "true")

from tracker.settings import *  # noqa: E402, F403
from tracker.settings import (  # noqa: E402
    BASE_DIR,
    INSTALLED_APPS,
    conn_health_checks,
    conn_max_age,
    sqlite_options,
)

BENCH_BACKEND = os.environ.get("BENCH_BACKEND", "sqlite")
BENCH_DB = os.environ.get("BENCH_DB", "bench")
BENCH_DIR = Path(os.environ.get("BENCH_DIR", BASE_DIR / "var" / "bench"))  # noqa: F405
BENCH_DIR.mkdir(parents=True, exist_ok=True)
BENCH_POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench"
)

# Measured like production: no debug cursor, no per-query logging.
DEBUG = False
SECRET_KEY = "bench-only-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# B7's webhook receivers listen on loopback.
WEBHOOK_ALLOW_PRIVATE_URLS = True

# The connections as the tracker keeps and checks them (both systems run on them).
if BENCH_BACKEND == "postgres":
    DATABASES = {
        "default": dj_database_url.parse(
            BENCH_POSTGRES_URL, conn_max_age=conn_max_age, conn_health_checks=conn_health_checks
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BENCH_DIR / f"{BENCH_DB}.sqlite3"),
            # The tracker's own SQLite options (both systems run on them).
            "OPTIONS": dict(sqlite_options),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": conn_health_checks,
        }
    }

EVENT_STORE = {
    **EVENT_STORE,  # noqa: F405
    "SQLITE_PATH": str(BENCH_DIR / f"{BENCH_DB}-events.sqlite3"),
    "POSTGRES_SCHEMA": f"es_{BENCH_DB}".replace("-", "_"),
}

INSTALLED_APPS = [*INSTALLED_APPS, "simple_history", "bench.baseline"]
ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The failed-token throttle is beside the point here.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"auth_failures": "100000/min"}}  # noqa: F405
