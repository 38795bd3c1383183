"""Settings: every value comes from the environment, with a default that needs no server."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from tracker import cache_guard, env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("TRACKER_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


# Off unless set: a production start that forgets it must not show debug pages.
# `dev.py run` and the test suite set DEBUG=true for themselves.
DEBUG = env.boolean("DEBUG", False)
# The default key only serves DEBUG runs on a laptop; production must set a strong one (it
# signs sessions and derives the key that seals the webhooks' secrets). The old keys of a
# rotation, comma-separated, still open what they signed and sealed.
SECRET_KEY = env.text("SECRET_KEY", "")
SECRET_KEY_FALLBACKS = env.strings("SECRET_KEY_FALLBACKS", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "The environment variable SECRET_KEY is not set: it is needed when DEBUG is off."
        )
    SECRET_KEY = "django-insecure-dev-only-" + "x" * 40
elif not DEBUG:
    env.refuse_weak_key("SECRET_KEY", SECRET_KEY)
ALLOWED_HOSTS = env.strings("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Before the admin: its admin/base_site.html adds the favicon and the accessibility
    # stylesheet to every admin page (negotiations/templates/admin/base_site.html).
    "negotiations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "corsheaders",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "negotiations.digests",
    "api",
    "landing",
    "tracker.apps.LoginAttemptsConfig",  # django-axes, under a name the admin can translate
    "board",
    "negotiations.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that answers (WhiteNoise, CommonMiddleware): a preflight is answered here.
    "corsheaders.middleware.CorsMiddleware",
    # Above every middleware that reads or writes the body: it compresses the final one.
    "tracker.compression.TextCompressionMiddleware",
    "tracker.middleware.PermissionsPolicyMiddleware",
    "tracker.middleware.CredentialedAnswersMiddleware",
    "tracker.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request: NUL, lone surrogates, too many fields -> 400/404.
    "tracker.middleware.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (Django's order): the page's language.
    "tracker.i18n.LanguageMiddleware",
    # Before CommonMiddleware, whose 301 to the slashed address loses an API write's method.
    "tracker.middleware.ApiSlashMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "negotiations.read.consistency.MinPositionMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.i18n.languages",
                "board.login.reads_private",
            ],
        },
    },
]

# Read models and reference data. SQLite under var/ unless DATABASE_URL says otherwise (unset
# or empty, as every variable here, means the default). Lower case: not a setting, so never on
# a debug page with its password.
database_url = env.url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}",
    schemes={"sqlite", "postgres", "postgresql"},
)
# A served tracker keeps its connection for a minute of requests, on SQLite too: opening the
# file and reading its schema cost a SQLite write about as much as its own work, and the
# last connection's close made the WAL log be checkpointed and made again under the next
# write's lock (docs/performance.md, "B1 on SQLite: a connection per request").
conn_max_age = 60
# A kept connection is checked before a request uses it again (one round trip on PostgreSQL,
# none on SQLite): a connection the server closed meanwhile (a restart, a failover, a pooler
# or a firewall dropping idle sessions) answered every worker's next request 500, and
# `/healthz` 503 on every node at once (an operator's outside test).
conn_health_checks = env.boolean("DATABASE_HEALTH_CHECKS", True)
try:
    DATABASES = {
        "default": dj_database_url.parse(
            database_url, conn_max_age=conn_max_age, conn_health_checks=conn_health_checks
        )
    }
except ValueError as error:  # a malformed URL
    raise ImproperlyConfigured(f"The environment variable DATABASE_URL is not usable: {error}")
# How long a write waits for another's lock before it fails: on PostgreSQL the event store's
# table lock, which writers take in turn (the library's own `SET LOCAL lock_timeout`, in the
# write's transaction: no connection option a pooler could refuse, and no bound on other
# sessions, such as a rebuild's switch); SQLite's busy timeout. A blocked write then answers
# in the tracker's own words (JSON, nothing stored) before gunicorn's worker timeout (30 s)
# kills it with a bare HTML page. Keep it under that timeout.
DATABASE_LOCK_TIMEOUT_SECONDS = env.integer("DATABASE_LOCK_TIMEOUT_SECONDS", 10, minimum=1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One test database per test run, so that two runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
# IMMEDIATE takes the write lock at BEGIN: concurrent writers wait instead of failing with
# "database is locked" halfway through a transaction.
# WAL: readers never wait for the writer, and a commit appends to the log instead of
# rewriting pages through a rollback journal (about 3 ms instead of 10 here), with full
# durability (synchronous stays FULL).
sqlite_options = {
    "transaction_mode": "IMMEDIATE",
    "timeout": DATABASE_LOCK_TIMEOUT_SECONDS,
    "init_command": "PRAGMA journal_mode=WAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(sqlite_options)
    # Tests use a file, not SQLite's shared-cache memory database, whose table locks fail
    # concurrent writers instead of making them wait.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"tracker-test-{os.getpid()}.sqlite3")
    }

# The event store: the eventsourcing library's own recorders on Django's connection, in the
# same database as the read models (on PostgreSQL in its own schema). SQLITE_PATH is where
# trackers before the one-transaction write path kept it: `manage.py move_event_store` moves
# such a file into the database.
EVENT_STORE = {
    "SQLITE_PATH": env.text("EVENT_STORE_SQLITE_PATH", str(VAR_DIR / "events.sqlite3")),
    "POSTGRES_SCHEMA": env.text("EVENT_STORE_POSTGRES_SCHEMA", "eventstore"),
    "AGGREGATE_CACHE_MAXSIZE": env.integer("AGGREGATE_CACHE_MAXSIZE", 500),
    # PostgreSQL: the library makes the store's schema, table and type, if missing, each time
    # a process builds the application (the library's CREATE_TABLE). The tests turn it off
    # once their worker's store exists (tests/conftest.py, `fresh_event_store`).
    "CREATE_TABLE": True,
}
# Inline (true): a write's events, receipt and read-model rows commit in one transaction.
# Async (false): a write commits its events only; `manage.py run_projections` applies them,
# and a read with ?min_position=N waits up to MIN_POSITION_WAIT_SECONDS for it (else 503).
PROJECT_AFTER_WRITE = env.boolean("PROJECT_AFTER_WRITE", True)
# How many processes a rebuild of a large store loads the read models with (one part of the
# processes each; negotiations/read/parallel_load.py): by default one a core, up to 4.
REBUILD_WORKERS = env.integer("REBUILD_WORKERS", min(os.cpu_count() or 1, 4), minimum=1)
# The composition root: the function that hands the application its hooks (the inline
# projection, the after-commit work), as cosmicpython's bootstrap (tracker/bootstrap.py).
APPLICATION_HOOKS = "tracker.bootstrap.hooks"
# PostgreSQL: the write path's statements prepared once per connection, with their generic
# plans (negotiations/write/eventstore.py). Off behind a pooler in transaction mode that does
# not keep prepared statements (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env.boolean("DATABASE_PREPARED_STATEMENTS", True)
MIN_POSITION_WAIT_SECONDS = env.number("MIN_POSITION_WAIT_SECONDS", 3.0)
# Reads waiting for min_position at once in one worker process; the next answers 503 at once
# (0: never wait). A sync worker serves one request at a time: this bounds threaded workers.
MIN_POSITION_MAX_WAITERS = env.integer("MIN_POSITION_MAX_WAITERS", 2)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin logins: django-axes counts failed attempts per username and address (one person's
# typos lock nobody else out) and refuses that pair for a while after too many (429 with
# a page that says so). Reset with `manage.py axes_reset`; attempts are listed in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.integer("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/login_locked.html"
# The client's address as the token throttle sees it: X-Forwarded-For only from a peer in
# TRUSTED_PROXIES (addresses or CIDR blocks; none by default), else REMOTE_ADDR.
TRUSTED_PROXIES = env.networks("TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "tracker.clients.client_address"

# The six UN languages (issue 26). English is the source language and is served unprefixed
# (`/processes/...`); the others under their prefix (`/ar/`, `/zh-hans/`, `/fr/`, `/ru/`,
# `/es/`). The API and the admin answer in the Accept-Language (or language cookie) language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them: Django's formats, English's as the tracker writes it.
FORMAT_MODULE_PATH = ["tracker.formats"]
TIME_ZONE = env.zone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A reader's login, on the board (board/login.py): the admin's takes staff only. The admin
# sends its own visitors to its own login.
LOGIN_URL = "board:login"
# Where the admin's login lands when its `next` is refused (another site's): the admin, not
# Django's default /accounts/profile/, which is no page here (the reader's: the board).
LOGIN_REDIRECT_URL = "admin:index"

PUBLIC_READS = env.boolean("PUBLIC_READS", True)
# With PUBLIC_READS off, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (403
# otherwise, and always when the token is unset).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# Read by prometheus_client itself, for the metrics of several web workers: checked here, where
# a missing folder was a traceback at the first metric (a newcomer's outside test).
PROMETHEUS_MULTIPROC_DIR = env.existing_path("PROMETHEUS_MULTIPROC_DIR", folder=True)
# The earliest date a new command may carry (occurred_on, scheduled_for, opened_on...): a
# date before it is a typo (0001-01-01), refused with 400. Stored events are not checked again.
EARLIEST_DATE = env.date("EARLIEST_DATE", "1900-01-01")

# A shared cache (Redis) makes the failed-token throttle count across web workers and servers;
# without it each worker counts on its own (a guesser gets AUTH_FAILURE_RATE per worker).
CACHE_URL = env.url("CACHE_URL", "", schemes={"redis", "rediss", "unix"})
CACHES = cache_guard.caches(CACHE_URL)

# Email: files under var/ by default, SMTP when configured.
EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env.text("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "tracker@localhost")
# Where links in emails and printed logins point (see tracker.links): empty means the
# address of the request, or the development server's when there is none.
SITE_URL = env.url("SITE_URL", "", schemes={"http", "https"})

# Messages wait for the next page in the session (stored on the server: Django's database
# sessions), not in Django's default cookie, which is signed but readable: the admin's
# message that shows a webhook's signing secret once must never travel in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# A load balancer asks each node's health over plain HTTP, without the proxy's header: that
# one path is answered where it is asked (it carries nothing secret), not sent to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
    # The whole domain, and a request to be preloaded into browsers: a commitment for every
    # host under it, which a deployer on a shared domain turns off.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): only this origin's scripts, styles, images and fonts;
# no inline script or style without the nonce the page was served with (`request.csp_nonce`);
# no plugins, no framing, forms post here only. The board needs none of it; the admin and the
# API docs (drf-spectacular's sidecar Swagger UI and Redoc) are served from this origin too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Features no page uses, refused to the page and to anything it embeds.
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"without_traceback": {"()": "tracker.logfilters.WithoutTraceback"}},
    # A request for another host (ALLOWED_HOSTS) is said in one line: still said, for a
    # wrong ALLOWED_HOSTS shows there first.
    "loggers": {
        "django.security.DisallowedHost": {"filters": ["without_traceback"]},
        # Django's own console handler (on with DEBUG) beside the root's said each of its
        # lines twice under `dev.py run` (a newcomer's outside test): the root's says them.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
    "root": {
        "handlers": ["console"],
        "level": env.choice(
            "LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
}

# --- By subject, each in a module of its own -----------------------------------------------
from tracker.settings_api import *  # noqa: E402, F403
from tracker.settings_tasks import *  # noqa: E402, F403

# Where beat keeps its schedule's state: with the tracker's other files, wherever
# TRACKER_VAR_DIR puts them (a `--schedule var/...` of a fresh checkout named a missing folder).
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
