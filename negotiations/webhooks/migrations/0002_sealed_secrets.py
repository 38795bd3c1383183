"""Signing secrets sealed at rest (issue 21): each plain secret is sealed with the configured
key (WEBHOOK_SECRET_KEYS, or the one derived from SECRET_KEY) and the plain column dropped.
Receivers' answers are no longer kept: those already in the attempt log and in the reasons
of disabled endpoints give way to the status code and a reason of our own."""

import negotiations.webhooks.models
from django.db import migrations, models


def seal_secrets(apps, schema_editor):
    from negotiations.webhooks import crypto

    Endpoint = apps.get_model("webhooks", "Endpoint")
    for endpoint in Endpoint.objects.only("pk", "secret"):
        Endpoint.objects.filter(pk=endpoint.pk).update(sealed_secret=crypto.seal(endpoint.secret))


def unseal_secrets(apps, schema_editor):
    from negotiations.webhooks import crypto

    Endpoint = apps.get_model("webhooks", "Endpoint")
    for endpoint in Endpoint.objects.only("pk", "sealed_secret"):
        Endpoint.objects.filter(pk=endpoint.pk).update(secret=crypto.unseal(endpoint.sealed_secret))


def forget_answers(apps, schema_editor):
    Attempt = apps.get_model("webhooks", "Attempt")
    Endpoint = apps.get_model("webhooks", "Endpoint")
    failed = Attempt.objects.filter(ok=False).exclude(error="")
    for attempt in failed.filter(status_code__isnull=False).only("pk", "status_code"):
        Attempt.objects.filter(pk=attempt.pk).update(
            error=f"HTTP {attempt.status_code}: not a 2xx answer."
        )
    failed.filter(status_code__isnull=True).update(
        error="The connection failed before an answer (details not kept)."
    )
    for endpoint in Endpoint.objects.filter(disabled_reason__contains="; last: "):
        since = endpoint.disabled_reason.split("; last: ")[0]
        Endpoint.objects.filter(pk=endpoint.pk).update(disabled_reason=f"{since}.")


class Migration(migrations.Migration):

    dependencies = [
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="endpoint",
            name="sealed_secret",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="endpoint",
            name="previous_sealed_secret",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="endpoint",
            name="previous_secret_until",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="After a rotation, the previous secret signs too until then.",
                null=True,
            ),
        ),
        migrations.RunPython(seal_secrets, unseal_secrets),
        migrations.RunPython(forget_answers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="endpoint",
            name="sealed_secret",
            field=models.TextField(
                default=negotiations.webhooks.models.new_sealed_secret, editable=False
            ),
        ),
        migrations.RemoveField(
            model_name="endpoint",
            name="secret",
        ),
    ]
