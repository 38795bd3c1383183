"""Settings of the API and of what other origins may read: Django REST framework, the
OpenAPI schema (drf-spectacular), CORS and compression. Read by `tracker.settings`; every
value comes from the environment, with a default that needs no server."""

from negotiations.domain.vocabulary import AGREEMENT_STAGES, AgreementStatus, EventType, Status
from tracker import env

EVENT_TYPES = [str(t) for t in EventType]

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
    "DEFAULT_THROTTLE_RATES": {"auth_failures": env.rate("AUTH_FAILURE_RATE", "20/min")},
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
# The feeds under a language's prefix too (`/ar/feeds/agreements.atom`): the links the board
# gives in that language (a review).
CORS_URLS_REGEX = (
    r"^/(api/v1/(?!webhooks/).*|([a-z]{2}(-[a-z]+)?/)?(feeds/.*|calendar\.ics"
    r"|processes/[^/]+/(feed\.atom|calendar\.ics|agreements\.atom)))$"
)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Link"]
CORS_ALLOW_CREDENTIALS = False

# gzip for text answers of this size or more, when asked (tracker.compression), never under
# these paths (the admin, and webhook answers that show a signing secret).
GZIP_MIN_BYTES = env.integer("GZIP_MIN_BYTES", 1024)
GZIP_EXEMPT_PATHS = ["/admin/", "/api/v1/webhooks/"]
