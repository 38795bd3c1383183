"""Settings: every value comes from the environment, with a default that needs no server."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from negotiations.domain.vocabulary import AGREEMENT_STAGES, AgreementStatus, EventType, Status
from tracker import env

EVENT_TYPES = [str(t) for t in EventType]

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TRACKER_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


# Off unless set: a production start that forgets it must not show debug pages.
# `dev.py run` and the test suite set DEBUG=true for themselves.
DEBUG = env.boolean("DEBUG", False)
# The default key only serves DEBUG runs on a laptop; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY in the environment when DEBUG is off.")
    SECRET_KEY = "django-insecure-dev-only-" + "x" * 40
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
    "axes",
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
    "tracker.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request: NUL, lone surrogates, too many fields -> 400/404.
    "tracker.middleware.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (Django's order): the page's language.
    "tracker.i18n.LanguageMiddleware",
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
            ],
        },
    },
]

# Read models and reference data. SQLite under var/ unless DATABASE_URL says otherwise.
try:
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}", conn_max_age=60
        )
    }
except ValueError as error:  # an unknown scheme or a malformed URL
    raise ImproperlyConfigured(f"The environment variable DATABASE_URL is not usable: {error}")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One test database per test run, so that two runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN: concurrent writers wait instead of failing
    # with "database is locked" halfway through a transaction.
    # WAL: readers never wait for the writer, and a commit appends to the log instead of
    # rewriting pages through a rollback journal (about 3 ms instead of 10 here), with full
    # durability (synchronous stays FULL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
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
    "SQLITE_PATH": os.environ.get("EVENT_STORE_SQLITE_PATH", str(VAR_DIR / "events.sqlite3")),
    "POSTGRES_SCHEMA": os.environ.get("EVENT_STORE_POSTGRES_SCHEMA", "eventstore"),
    "AGGREGATE_CACHE_MAXSIZE": env.integer("AGGREGATE_CACHE_MAXSIZE", 500),
}
# Inline (true): a write's events, receipt and read-model rows commit in one transaction.
# Async (false): a write commits its events only; `manage.py run_projections` applies them,
# and a read with ?min_position=N waits up to MIN_POSITION_WAIT_SECONDS for it (else 503).
PROJECT_AFTER_WRITE = env.boolean("PROJECT_AFTER_WRITE", True)
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
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
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
LOGIN_URL = "admin:login"

PUBLIC_READS = env.boolean("PUBLIC_READS", True)
# With PUBLIC_READS off, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (403
# otherwise, and always when the token is unset).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# The earliest date a new command may carry (occurred_on, scheduled_for, opened_on...): a
# date before it is a typo (0001-01-01), refused with 400. Stored events are not checked again.
EARLIEST_DATE = env.date("EARLIEST_DATE", "1900-01-01")

# A shared cache (Redis) makes the failed-token throttle count across web workers and servers;
# without it each worker counts on its own (a guesser gets AUTH_FAILURE_RATE per worker).
CACHE_URL = env.url("CACHE_URL", "", schemes={"redis", "rediss", "unix"})
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not logged in" into a 401.
        "api.authentication.GuardedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Bodies are JSON only: the schema documents one media type, so a generated client sends
    # JSON (with forms listed too, openapi-python-client sent multipart and lists were lost).
    # The browsable API posts its raw-data form as JSON.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.StrictJSONParser"],
    # JSON written by orjson with the tracker's one encoder (record times keep microseconds).
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadPublicWriteRecorders"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.QualityNegotiation",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.openapi.TrackerAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth_failures": os.environ.get("AUTH_FAILURE_RATE", "20/min")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Negotiation tracker API",
    "DESCRIPTION": "Peace processes, their events, stated causes and status over time.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Each event schema's `type` is an enum of one value: name them after their event.
    "ENUM_NAME_OVERRIDES": {
        **{"".join(p.capitalize() for p in t.split("_")) + "TypeEnum": [t] for t in EVENT_TYPES},
        # `day` or `month`, wherever a date's precision is shown.
        "DatePrecisionEnum": ["day", "month"],
        # A status, wherever one is shown (a summary's, a status change's from and to).
        "StatusEnum": [str(s) for s in Status],
        "StatusChangeKindEnum": ["recorded", "corrected", "retracted"],
        # An agreement's stage and its lifecycle status (docs/agreements.md).
        "AgreementStageEnum": list(AGREEMENT_STAGES),
        "AgreementStatusEnum": [str(s) for s in AgreementStatus],
    },
    # What a webhook endpoint receives, under `x-webhooks` (api.openapi: the document is
    # OpenAPI 3.0, whose root takes no `webhooks`; Redoc shows `x-webhooks`).
    "WEBHOOKS": ["api.openapi.EVENT_WEBHOOK"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.webhooks_as_extension",
    ],
}

# Cross-origin reads (django-cors-headers): a web page on another origin may read the public
# reads (the API but its webhooks, the feeds), never with credentials: writes need a token or
# a session with CSRF, which another origin does not get. Unset: any origin may read.
CORS_ALLOWED_ORIGINS = env.origins("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_URLS_REGEX = (
    r"^/(api/v1/(?!webhooks/).*|feeds/.*|calendar\.ics|processes/[^/]+/(feed\.atom|calendar\.ics))$"
)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Link"]
CORS_ALLOW_CREDENTIALS = False

# gzip for text answers of this size or more, when asked (tracker.compression), never under
# these paths (the admin, and webhook answers that show a signing secret).
GZIP_MIN_BYTES = env.integer("GZIP_MIN_BYTES", 1024)
GZIP_EXEMPT_PATHS = ["/admin/", "/api/v1/webhooks/"]

# Email: files under var/ by default, SMTP when configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tracker@localhost")
# Where links in emails and printed logins point (see tracker.links): empty means the
# address of the request, or the development server's when there is none.
SITE_URL = env.url("SITE_URL", "", schemes={"http", "https"})

# Celery: with no broker configured, tasks run eagerly in the caller (no server needed).
CELERY_BROKER_URL = env.url(
    "CELERY_BROKER_URL", "", schemes={"redis", "rediss", "amqp", "amqps", "pyamqp", "memory"}
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
DIGEST_HOUR_UTC = env.integer("DIGEST_HOUR_UTC", 6)

if not DEBUG:
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
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
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Digests (negotiations.digests) -------------------------------------------------------
from celery.schedules import crontab  # noqa: E402

# A claimed delivery whose worker died is claimed again after this lease; SMTP must give up
# well before it (EMAIL_TIMEOUT), so that a slow send is never taken for a dead one.
DIGEST_LEASE_SECONDS = env.integer("DIGEST_LEASE_SECONDS", 15 * 60)
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 60)
DIGEST_MAX_ATTEMPTS = env.integer("DIGEST_MAX_ATTEMPTS", 5)
DIGEST_RETRY_BACKOFF_SECONDS = env.integer("DIGEST_RETRY_BACKOFF_SECONDS", 60)
# Deliveries sent by one task, one after another on one SMTP connection (each still claimed
# on its own, so a killed worker leaves at most one of them half-sent).
DIGEST_BATCH_SIZE = env.integer("DIGEST_BATCH_SIZE", 100)
# A queue of its own lets several trackers (or a test) share one broker.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "digests-due": {
        "task": "digests.send_due_digests",
        "schedule": crontab(hour=DIGEST_HOUR_UTC, minute=0),
    },
    # Finds deliveries left pending or stuck in `sending` by a worker that died.
    "digests-recover": {"task": "digests.resend_unfinished", "schedule": 10 * 60},
}

# --- Webhooks (negotiations.webhooks) ------------------------------------------------------
# Each write enqueues a dispatch; beat also runs one this often, for whatever a kick missed.
WEBHOOK_DISPATCH_SECONDS = env.number("WEBHOOK_DISPATCH_SECONDS", 5.0)
WEBHOOK_TIMEOUT_SECONDS = env.integer("WEBHOOK_TIMEOUT_SECONDS", 10)
# A dispatch sends to this many endpoints at once (each endpoint one request at a time, in
# store order); each worker process keeps this many sending threads and connections per host.
WEBHOOK_PARALLEL_REQUESTS = env.integer("WEBHOOK_PARALLEL_REQUESTS", 16, minimum=1)
# A delivery run holds its endpoint this long past its last step; a run whose worker died
# is taken over after it. Must exceed the time of one POST (WEBHOOK_TIMEOUT_SECONDS).
WEBHOOK_LEASE_SECONDS = env.integer("WEBHOOK_LEASE_SECONDS", 60)
# Celery's exponential backoff with full jitter: 1, 2, 4 ... seconds, at most 10 minutes.
WEBHOOK_RETRY_BACKOFF = env.integer("WEBHOOK_RETRY_BACKOFF", 1)
WEBHOOK_RETRY_BACKOFF_MAX = env.integer("WEBHOOK_RETRY_BACKOFF_MAX", 600)
WEBHOOK_DISABLE_AFTER_SECONDS = env.integer("WEBHOOK_DISABLE_AFTER_SECONDS", 24 * 3600)
# Webhooks go to public addresses only: a URL whose host is or resolves to a loopback,
# private, link-local, multicast, reserved or unspecified address is refused at registration
# and at each delivery. `true` for receivers on the same private network (and the tests).
WEBHOOK_ALLOW_PRIVATE_URLS = env.boolean("WEBHOOK_ALLOW_PRIVATE_URLS", False)
# The certificate authorities a receiver's HTTPS certificate may come from (a PEM file);
# unset: certifi's bundle (the public ones, as requests uses).
WEBHOOK_CA_BUNDLE = env.existing_file("WEBHOOK_CA_BUNDLE")
# Fernet keys that encrypt the endpoints' signing secrets at rest: the first encrypts, all
# decrypt (`manage.py reseal_webhook_secrets` re-encrypts with the first). Unset: a key
# derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, which still decrypt).
WEBHOOK_SECRET_KEYS = env.fernet_keys("WEBHOOK_SECRET_KEYS")
# After a secret's rotation, deliveries are signed with the new and the old secret this long.
WEBHOOK_SECRET_GRACE_SECONDS = env.integer("WEBHOOK_SECRET_GRACE_SECONDS", 24 * 3600)
CELERY_BEAT_SCHEDULE["webhooks-dispatch"] = {
    "task": "webhooks.dispatch",
    "schedule": WEBHOOK_DISPATCH_SECONDS,
}
