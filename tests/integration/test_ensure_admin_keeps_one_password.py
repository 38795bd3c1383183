"""`ensure_admin` keeps one password in var/admin-password.txt for every database a checkout
runs on: `dev.py run` on PostgreSQL made its admin with a new password and wrote it over the
file, and the SQLite tracker's login was lost (an analyst's outside test)."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command


def ensure_admin() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_new_database_s_admin_takes_the_kept_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "admin-password.txt").write_text("kept-password-1\n")

    said, _ = ensure_admin()

    assert (tmp_path / "admin-password.txt").read_text() == "kept-password-1\n"
    assert get_user_model().objects.get(username="admin").check_password("kept-password-1")
    assert "admin / kept-password-1" in said


def test_the_first_run_makes_and_keeps_a_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path

    ensure_admin()

    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert len(password) >= 16
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert ensure_admin()[0].count(password) == 1  # again: the same one


def test_an_account_with_another_password_is_said_and_kept(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "admin-password.txt").write_text("kept-password-1\n")
    get_user_model().objects.create_superuser("admin", "a@localhost", "its-own-password")

    _, warned = ensure_admin()

    assert "changepassword admin" in warned
    assert get_user_model().objects.get(username="admin").check_password("its-own-password")
