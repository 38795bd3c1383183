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
        "Create a superuser 'admin' (in the Editors group) with a random password, kept in "
        "var/admin-password.txt, and print the login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="The account (default: admin).")

    def handle(self, *args, username, **options):
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(username, "admin@localhost", password)
            else:
                user.set_password(password)
                user.save()
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            user.groups.add(editors)
        admin = absolute(reverse("admin:index"))
        self.stdout.write(f"Admin login: {username} / {password}  ({admin})")
