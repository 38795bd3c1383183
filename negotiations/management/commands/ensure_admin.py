"""Create the demo's admin account once, and say how to log in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.urls import reverse

from tracker.links import absolute


class Command(BaseCommand):
    help = (
        "Create a superuser 'admin' (in the Editors group) with the password kept in "
        "var/admin-password.txt (a random one the first time), and print the login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="The account (default: admin).")

    def handle(self, *args, username, **options):
        # One password for the account in every database this checkout runs on: the file
        # keeps it, and an account made in another database (`DATABASE_URL` set) takes it (a
        # new one replaced the file, and the first database's login was lost).
        password_file = settings.VAR_DIR / "admin-password.txt"
        kept = password_file.read_text().strip() if password_file.exists() else ""
        password = kept or secrets.token_urlsafe(12)
        if not kept:
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_superuser(username, "admin@localhost", password)
        elif not kept:
            user.set_password(password)
            user.save()
        elif not user.check_password(password):
            self.stderr.write(
                f"The account '{username}' of this database has another password than "
                f"{password_file}: `manage.py changepassword {username}` sets one."
            )
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            user.groups.add(editors)
        admin = absolute(reverse("admin:index"))
        self.stdout.write(f"Admin login: {username} / {password}  ({admin})")
