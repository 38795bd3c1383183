"""System checks of the digests: a production tracker whose digests reach no one says so."""

from django.conf import settings
from django.core.checks import Warning, register

from tracker.links import DEVELOPMENT_SITE_URL

FILES = "django.core.mail.backends.filebased.EmailBackend"


@register()
def digests_written_to_files(app_configs, **kwargs):
    """The default sends no mail: it writes each message to a file under `var/emails/`, right
    for a laptop and the tests. With DEBUG off it is most likely a forgotten EMAIL_BACKEND."""
    if settings.DEBUG or settings.EMAIL_BACKEND != FILES:
        return []
    return [
        Warning(
            "Digests are written to files under "
            f"{settings.EMAIL_FILE_PATH} and sent to no one (EMAIL_BACKEND is unset).",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
            "(README, Configuration).",
            id="digests.W001",
        )
    ]


@register()
def links_point_at_the_development_server(app_configs, **kwargs):
    """A digest's links (its unsubscribe link, RFC 8058's one click included) are written by
    a worker, which has no request to take an address from: with SITE_URL unset they point
    at the development server's address, dead for every reader."""
    if settings.DEBUG or settings.SITE_URL:
        return []
    return [
        Warning(
            f"Links in digests and those commands print point at {DEVELOPMENT_SITE_URL} "
            "(SITE_URL is unset): every digest's unsubscribe link is dead.",
            hint="Set SITE_URL to the tracker's public address, e.g. "
            "https://tracker.example.org (README, Production).",
            id="digests.W002",
        )
    ]
