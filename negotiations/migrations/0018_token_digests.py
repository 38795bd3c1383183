"""API tokens kept as digests (`tracker.tokens`): each key stored so far is replaced by its
digest, so that the table, and every backup taken from now on, holds no key. Every issued key
keeps working (the authentication hashes what a request presents). Not reversible: the keys
are not kept anywhere."""

from django.db import migrations

from tracker.tokens import digest


def keys_to_digests(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    for key in list(Token.objects.values_list("key", flat=True)):
        Token.objects.filter(key=key).update(key=digest(key))


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0017_actor_changed_at"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(keys_to_digests, elidable=False)]
