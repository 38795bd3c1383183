"""System checks of the digests: a production tracker whose digests reach no one says so."""

from django.conf import settings
from django.core.checks import Warning, register

from tracker.links import DEVELOPMENT_SITE_URL

FILES = "django.core.mail.backends.filebased.EmailBackend"


@register()
def digests_reach_no_one(app_configs, **kwargs):
    """With DEBUG off, what most likely is a forgotten setting:
    - EMAIL_BACKEND unset: the default sends no mail, it writes each message to a file under
      `var/emails/` (right for a laptop and the tests);
    - SITE_URL unset: a digest's links (its unsubscribe link, RFC 8058's one click included)
      are written by a worker, which has no request to take an address from, so they point
      at the development server's address, dead for every reader."""
    if settings.DEBUG:
        return []
    found = []
    if settings.EMAIL_BACKEND == FILES:
        found.append(
            Warning(
                f"Digests are written to files under {settings.EMAIL_FILE_PATH} and sent to "
                "no one (EMAIL_BACKEND is unset).",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and "
                "EMAIL_HOST (README, Configuration).",
                id="digests.W001",
            )
        )
    if not settings.SITE_URL:
        found.append(
            Warning(
                f"Links in digests and those commands print point at {DEVELOPMENT_SITE_URL} "
                "(SITE_URL is unset): every digest's unsubscribe link is dead.",
                hint="Set SITE_URL to the tracker's public address, e.g. "
                "https://tracker.example.org (README, Production).",
                id="digests.W002",
            )
        )
    return found
