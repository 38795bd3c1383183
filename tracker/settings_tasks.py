"""Settings of the background work: Celery, the digests and the webhooks. Read by
`tracker.settings`; every value comes from the environment, with a default that needs no
server (no broker: tasks run eagerly in the caller)."""

from celery.schedules import crontab

from tracker import env

# Celery: with no broker configured, tasks run eagerly in the caller (no server needed).
CELERY_BROKER_URL = env.url(
    "CELERY_BROKER_URL", "", schemes={"redis", "rediss", "amqp", "amqps", "pyamqp", "memory"}
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
DIGEST_HOUR_UTC = env.integer("DIGEST_HOUR_UTC", 6, maximum=23)

# --- Digests (negotiations.digests) -------------------------------------------------------

# A claimed delivery whose worker died is claimed again after this lease; SMTP must give up
# well before it (EMAIL_TIMEOUT, each step of a send), so that a slow send is never taken for
# a dead one and sent a second time: a lease at or under EMAIL_TIMEOUT is refused.
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 60, minimum=1)
DIGEST_LEASE_SECONDS = env.integer(
    "DIGEST_LEASE_SECONDS", max(15 * 60, 2 * EMAIL_TIMEOUT), minimum=EMAIL_TIMEOUT + 1
)
DIGEST_MAX_ATTEMPTS = env.integer("DIGEST_MAX_ATTEMPTS", 5, minimum=1)
DIGEST_RETRY_BACKOFF_SECONDS = env.integer("DIGEST_RETRY_BACKOFF_SECONDS", 60)
# Deliveries sent by one task, one after another on one SMTP connection (each still claimed
# on its own, so a killed worker leaves at most one of them half-sent).
DIGEST_BATCH_SIZE = env.integer("DIGEST_BATCH_SIZE", 100, minimum=1)
# A queue of its own lets several trackers (or a test) share one broker.
CELERY_TASK_DEFAULT_QUEUE = env.text("CELERY_TASK_DEFAULT_QUEUE", "celery")
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
WEBHOOK_DISPATCH_SECONDS = env.number("WEBHOOK_DISPATCH_SECONDS", 5.0, minimum=0.1)
WEBHOOK_TIMEOUT_SECONDS = env.integer("WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
# A receiver's time to accept the connection. A request's whole deadline (connecting, sending,
# the answer to its last byte) is this plus WEBHOOK_TIMEOUT_SECONDS; past it, it is cut.
WEBHOOK_CONNECT_SECONDS = env.integer("WEBHOOK_CONNECT_SECONDS", 5, minimum=1)
# A dispatch sends to this many endpoints at once (each endpoint one request at a time, in
# store order); each worker process keeps this many sending threads and connections per host.
WEBHOOK_PARALLEL_REQUESTS = env.integer("WEBHOOK_PARALLEL_REQUESTS", 16, minimum=1)
# A delivery run holds each endpoint it took this long, renewed every third of it while the
# run goes on; a run whose worker died is taken over after it. It must outlast one request's
# whole deadline (a renewal waits on the database, and on SQLite on its one write lock): a
# shorter one is refused; unset, 60 s or twice the deadline, whichever is longer.
WEBHOOK_LEASE_SECONDS = env.integer(
    "WEBHOOK_LEASE_SECONDS",
    max(60, 2 * (WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS)),
    minimum=WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS + 1,
)
# A delivery run sends for this long at the most, then lets go of its endpoints (each at the
# last event acknowledged) and queues a dispatch to go on: a run for receivers that are slow
# but answer held a worker process for as long as they had events behind, and every other
# endpoint's dispatch waited behind it (an attacker's outside test). A run begins its first
# requests whatever the time; unset, twice a request's whole deadline.
WEBHOOK_RUN_SECONDS = env.number(
    "WEBHOOK_RUN_SECONDS",
    2.0 * (WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS),
    minimum=0.1,
)
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
WEBHOOK_CA_BUNDLE = env.existing_path("WEBHOOK_CA_BUNDLE")
# Fernet keys that encrypt the endpoints' signing secrets at rest: the first encrypts, all
# decrypt (`manage.py reseal_webhook_secrets` re-encrypts with the first). Unset: a key
# derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, which still decrypt).
WEBHOOK_SECRET_KEYS = env.fernet_keys("WEBHOOK_SECRET_KEYS")
# After a secret's rotation, deliveries are signed with the new and the old secret this long.
WEBHOOK_SECRET_GRACE_SECONDS = env.integer("WEBHOOK_SECRET_GRACE_SECONDS", 24 * 3600)
# Each user registers at most this many endpoints (the API and the admin refuse one more).
WEBHOOK_MAX_ENDPOINTS_PER_USER = env.integer("WEBHOOK_MAX_ENDPOINTS_PER_USER", 20, minimum=1)
CELERY_BEAT_SCHEDULE["webhooks-dispatch"] = {
    "task": "webhooks.dispatch",
    "schedule": WEBHOOK_DISPATCH_SECONDS,
}
