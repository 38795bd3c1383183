"""API tokens kept as digests (`tracker.tokens`): each key stored so far is replaced by its
digest, so that the table, and every backup taken from now on, holds no key. Every issued key
keeps working (the authentication hashes what a request presents). The admin's log of token
changes named each token by its key (DRF's admin: the key was the token's id and its name):
those become digests too (a review). Not reversible: the keys are not kept anywhere, and
the version before this one reads none of the digests (every token would answer 401)."""

import hashlib
import re

from django.db import migrations


def digest(key: str) -> str:
    """`tracker.tokens.digest` as this migration wrote it, kept here: a migration does what
    it did when it ran, whatever the code becomes (a review)."""
    return "d " + hashlib.sha256(key.encode()).hexdigest()[:38]


KEY = re.compile("[0-9a-f]{40}")


def keys_to_digests(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    for key in list(Token.objects.values_list("key", flat=True)):
        Token.objects.filter(key=key).update(key=digest(key))
    LogEntry = apps.get_model("admin", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tokens = ContentType.objects.filter(app_label="authtoken")
    for entry in LogEntry.objects.filter(content_type__in=tokens):
        entry.object_repr = digest(entry.object_repr)
        # A Token's id is its key; a TokenProxy's (DRF's admin), its user's: kept.
        if entry.object_id and KEY.fullmatch(entry.object_id):
            entry.object_id = digest(entry.object_id)
        entry.save(update_fields=["object_id", "object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0017_actor_changed_at"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(keys_to_digests, elidable=False)]
