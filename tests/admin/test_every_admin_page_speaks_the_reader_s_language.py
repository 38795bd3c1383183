"""Every page of the admin a superuser reaches (the index, each list, each form to add, a
user's pages) in each of the five other languages: nothing is left as English writes it but
what someone recorded (names, addresses, accounts) and words the language writes alike.
Django's admin and django-axes lacked some of their words in Arabic, Chinese and Spanish
(tracker/borrowed_words.py gives them)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import NoReverseMatch, reverse

from negotiations.models import Actor
from negotiations.read.models import Process
from tests.admin.conftest import left_english

# Written alike in the language: names of things, and words it shares with English. (Not
# "Axes": django-axes' own name for its section, which the tracker calls "Login attempts".)
ALIKE = {
    "fr": {"Webhooks", "Correction", "Permissions", "Source:", "Sources", "HTTP Accept"},
    "es": {"Webhooks", "Tokens", "0 Tokens", "No", "URL:", "HTTP Accept"},
    "ru": {"URL:"},
    "ar": set(),
    "zh-hans": {"HTTP Accept"},
}
# Django's own English, which no catalogue reaches: the warning it appends to the password
# page's help text as a literal, which also fixes that help text in English at import.
DJANGOS_OWN = {
    "If disabled, the current password for this user will be lost.",
    "Whether the user will be able to authenticate using a password or not. If disabled, they "
    "may still be able to authenticate using other backends, such as Single Sign-On or LDAP.",
}


def pages(client, superuser) -> list[str]:
    urls = ["/admin/", "/admin/password_change/", f"/admin/auth/user/{superuser.pk}/change/"]
    urls.append(f"/admin/auth/user/{superuser.pk}/password/")
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        try:
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        except NoReverseMatch:
            continue
        if client.get(add).status_code == 200:
            urls.append(add)
    return urls


def recorded() -> set[str]:
    """What someone recorded, shown as recorded in every language."""
    words = set(Process.objects.values_list("name", flat=True))
    for actor in Actor.objects.all():
        words |= {actor.name, actor.slug}
    words |= set(Group.objects.values_list("name", flat=True))
    for user in User.objects.all():
        words |= {user.username, user.email}
    words.add("<unknown>")  # what django-axes logs for a header the request did not send
    return words


def as_written(word: str) -> bool:
    """Digits, marks, a password hash's parts, an event's number, a year in a date filter."""
    return bool(re.fullmatch(r"[\W\d_]*|\w+\*+|md5|#\d+|‹ \d{4}", word))


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_every_admin_page_is_in_the_reader_s_language(admin_client, superuser, active, language):
    urls = pages(admin_client, superuser)
    assert len(urls) >= 20
    same = recorded() | ALIKE[language] | {"setup"}  # `active` was recorded by "setup"
    left = []
    for url in urls:
        words = left_english(admin_client, url, language, same)
        left += [
            (url, w)
            for w in words
            if not as_written(w) and not (url.endswith("/password/") and w in DJANGOS_OWN)
        ]
    assert not left, "\n".join(f"{url}: {w[:100]}" for url, w in left)
