"""The webhooks app's schema as of 0008 in one migration, squashed from 0001_initial ... 0008.

A database on which all eight were applied counts this one as applied (`replaces`); a fresh one
gets the tables. A database with only some of them applied must first be migrated by the
version at commit b500d7b, the last that has them: a system check (negotiations.E001) stops
`check` and `migrate` and says so. The data steps of the old migrations (0002 sealed the secrets stored in
the clear and dropped what receivers had answered) had nothing to do on a fresh database and
are not here.
"""

import django.db.models.deletion
import negotiations.webhooks.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('webhooks', '0001_initial'),
        ('webhooks', '0002_sealed_secrets'),
        ('webhooks', '0003_redeliveries'),
        ('webhooks', '0004_agreement_kind'),
        ('webhooks', '0005_model_names_in_the_reader_s_language'),
        ('webhooks', '0006_field_names_in_the_reader_s_language'),
        ('webhooks', '0007_endpoint_names_in_the_reader_s_language'),
        ('webhooks', '0008_why_disabled_in_full'),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Endpoint',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('url', models.URLField(max_length=500, verbose_name='URL')),
                ('processes', models.JSONField(blank=True, default=list, help_text='Process slugs; none means every process.', verbose_name='processes')),
                ('kinds', models.JSONField(default=list, help_text='"status_change", "event" and/or "agreement".', verbose_name='kinds')),
                ('sealed_secret', models.TextField(default=negotiations.webhooks.models.new_sealed_secret, editable=False)),
                ('previous_sealed_secret', models.TextField(blank=True, editable=False)),
                ('previous_secret_until', models.DateTimeField(blank=True, editable=False, help_text='After a rotation, the previous secret signs too until then.', null=True, verbose_name='previous secret until')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('disabled_at', models.DateTimeField(blank=True, null=True, verbose_name='disabled at')),
                ('disabled_reason', models.TextField(blank=True, verbose_name='why disabled')),
                ('position', models.BigIntegerField(default=0, verbose_name='position')),
                ('redeliveries', models.PositiveIntegerField(default=0, editable=False)),
                ('redelivered_through', models.BigIntegerField(default=0, editable=False)),
                ('failing_since', models.DateTimeField(blank=True, null=True, verbose_name='failing since')),
                ('last_success_at', models.DateTimeField(blank=True, null=True, verbose_name='last success at')),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('claimed_until', models.DateTimeField(blank=True, editable=False, null=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'verbose_name': 'endpoint',
                'verbose_name_plural': 'endpoints',
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='Attempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.BigIntegerField(verbose_name='position')),
                ('webhook_id', models.CharField(max_length=100, verbose_name='webhook ID')),
                ('event_type', models.CharField(max_length=40, verbose_name='event type')),
                ('process_slug', models.CharField(max_length=100, verbose_name='process slug')),
                ('attempted_at', models.DateTimeField(verbose_name='attempted at')),
                ('duration_ms', models.PositiveIntegerField(default=0, verbose_name='duration (ms)')),
                ('status_code', models.PositiveIntegerField(blank=True, null=True, verbose_name='status code')),
                ('ok', models.BooleanField(default=False, verbose_name='succeeded')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempts', to='webhooks.endpoint', verbose_name='endpoint')),
            ],
            options={
                'verbose_name': 'attempt',
                'verbose_name_plural': 'attempts',
                'ordering': ['-attempted_at', '-id'],
                'indexes': [models.Index(fields=['endpoint', '-attempted_at'], name='webhooks_at_endpoin_1538cf_idx')],
            },
        ),
    ]
