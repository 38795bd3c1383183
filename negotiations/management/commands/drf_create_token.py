"""DRF's `drf_create_token`, as `issue_token`: DRF's own stored the key as it was, which the
tracker (its tokens kept as digests, `tracker.tokens`) would never have read back (a review)."""

from negotiations.management.commands import issue_token


class Command(issue_token.Command):
    help = "As issue_token: print a new API token for USER, shown this once (-r replaces it)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "-r", "--reset", dest="rotate", action="store_true", help="Replace the user's token."
        )
