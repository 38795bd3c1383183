"""System checks of the digests: a production tracker whose digests reach no one says so."""

from django.conf import settings
from django.core.checks import Warning, register

FILES = "django.core.mail.backends.filebased.EmailBackend"


@register()
def digests_written_to_files(app_configs, **kwargs):
    """The default sends no mail: it writes each message to a file under `var/emails/`, right
    for a laptop and the tests. With DEBUG off it is most likely a forgotten EMAIL_BACKEND."""
    if settings.DEBUG or settings.EMAIL_BACKEND != FILES:
        return []
    return [
        Warning(
            "Digests and confirmation emails are written to files under "
            f"{settings.EMAIL_FILE_PATH} and sent to no one (EMAIL_BACKEND is unset).",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
            "(README, Configuration).",
            id="digests.W001",
        )
    ]
