"""Issue the API token of a user: its key is printed once, and kept only as a digest
(`tracker.tokens`)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracker import tokens


class Command(BaseCommand):
    help = (
        "Print a new API token for USER. Its key is shown this once and kept only as a digest; "
        "a user holding one already needs --rotate, which replaces it (the old key stops "
        "working)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the user's token with a new one."
        )

    def handle(self, *args, username, rotate, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"No user '{username}'. Create one with createsuperuser or the admin."
            )
        key = tokens.issue(user, rotate=rotate)
        if key is None:
            raise CommandError(
                f"'{username}' has a token already. Its key was shown when it was issued and is "
                "kept only as a digest, so it cannot be shown again: --rotate issues a new one "
                "(the old key stops working)."
            )
        self.stdout.write(key)
