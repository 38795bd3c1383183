"""The tracker's settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE) and for the
processes its tests start (tests/subprocess_env.py): the production settings, plus a fast
password hasher. Production keeps Django's default hashers (PBKDF2 first, 0.3 s a hash here):
the suite creates hundreds of users and would spend minutes hashing their passwords."""

from django.conf import global_settings

from tracker.settings import *  # noqa: F403

# MD5 first: the hash every test user gets. Django's defaults after it, so that a password
# hashed with them (a fixture file, a database made outside the suite) still verifies.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *global_settings.PASSWORD_HASHERS,
]
