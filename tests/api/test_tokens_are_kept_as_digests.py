"""API tokens are kept as digests (`tracker.tokens`): the key is shown once, when issued, by
`issue_token` or the admin's "Add token", and the token table (so every backup and dump of it)
and the admin's token list hold no key. The table once held each key as it was sent, and the
admin listed them all: anyone reading a backup, or a superuser, could write as any editor."""

from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token, TokenProxy
from rest_framework.test import APIClient

from tracker import tokens

ACTORS = "/api/v1/actors/"


def actor_body(slug: str) -> dict:
    return {"slug": slug, "name": slug.title(), "kind": "organization"}


def writes_with(key: str, slug: str) -> int:
    """The status of an actor's registration sent with `key`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.post(ACTORS, actor_body(slug), format="json").status_code


def issued(username: str, *options: str) -> str:
    out = io.StringIO()
    call_command("issue_token", username, *options, stdout=out)
    return out.getvalue().strip()


def stored() -> list[str]:
    return list(Token.objects.values_list("key", flat=True))


def test_the_printed_key_writes_and_the_table_holds_only_its_digest(editor):
    key = issued("editor")

    assert stored() == [tokens.digest(key)]
    assert key not in stored()
    assert writes_with(key, "key-holder") == 201
    # What the table holds is no key: a stolen backup's row writes nothing.
    assert writes_with(tokens.digest(key), "row-holder") == 401


def test_a_second_issue_is_refused_and_a_rotation_ends_the_old_key(editor):
    first = issued("editor")

    with pytest.raises(CommandError, match="--rotate"):
        issued("editor")
    assert stored() == [tokens.digest(first)]
    second = issued("editor", "--rotate")

    assert second != first
    assert stored() == [tokens.digest(second)]
    assert writes_with(first, "old-key") == 401
    assert writes_with(second, "new-key") == 201


def test_the_migration_turns_every_stored_key_into_its_digest(editor, staff):
    """A key stored as the last version stored it keeps working after the migration, and is
    no longer in the table."""
    kept = [Token.objects.create(user=u, key=Token.generate_key()).key for u in (editor, staff)]
    # DRF's admin logged a token's addition under its key, as its id and its name.
    for key in kept:
        for token in (Token.objects.get(key=key), TokenProxy.objects.get(key=key)):
            LogEntry.objects.log_actions(staff.pk, [token], ADDITION, single_object=True)
    migration = importlib.import_module("negotiations.migrations.0018_token_digests")

    migration.keys_to_digests(apps, None)

    assert sorted(stored()) == sorted(tokens.digest(key) for key in kept)
    assert writes_with(kept[0], "migrated-key") == 201
    logged = [
        str(v) for row in LogEntry.objects.values_list("object_id", "object_repr") for v in row
    ]
    assert not set(logged) & set(kept)  # no key left in the admin's log
    assert {tokens.digest(k) for k in kept} <= set(logged)


def test_the_admin_shows_a_key_once_and_lists_none(client, superuser, editor):
    client.force_login(superuser)

    page = client.post("/admin/authtoken/tokenproxy/add/", {"user": editor.pk})

    assert page.status_code == 200, page.content[:500]
    key = page.context["key"]
    # The page greets the one signed in, not the token's owner (an operator's test).
    tools = page.content.decode().split('id="user-tools"')[1].split("</div>")[0]
    assert "<strong>root</strong>" in tools
    assert "editor" not in tools
    assert "The API token of editor." in page.content.decode()
    assert key in page.content.decode()
    assert stored() == [tokens.digest(key)]
    assert "no-store" in page["Cache-Control"]
    listed = client.get("/admin/authtoken/tokenproxy/").content.decode()
    assert "editor" in listed
    assert key not in listed
    assert tokens.digest(key) not in listed
    assert writes_with(key, "admin-issued") == 201


def test_drf_s_own_command_issues_a_key_the_tracker_reads(editor):
    """DRF's `drf_create_token` stored the key as it was: a key that never authenticated."""
    out = io.StringIO()
    call_command("drf_create_token", "editor", stdout=out)
    key = out.getvalue().strip()

    assert stored() == [tokens.digest(key)]
    assert writes_with(key, "drf-issued") == 201
    call_command("drf_create_token", "-r", "editor", stdout=io.StringIO())
    assert writes_with(key, "drf-reset") == 401


def test_a_digest_is_no_key_even_to_drf_s_own_comparison(editor):
    """The version before this one compares the key sent with the table's value: run on an
    upgraded database, it took every digest as a key (an operator's outside test), and
    digests are shown in the admin and held by backups. A digest holds a space, which no
    token header can carry."""
    from rest_framework import exceptions
    from rest_framework.authentication import TokenAuthentication
    from rest_framework.test import APIRequestFactory

    issued("editor")
    (value,) = stored()
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {value}")

    with pytest.raises(exceptions.AuthenticationFailed):
        TokenAuthentication().authenticate(request)
