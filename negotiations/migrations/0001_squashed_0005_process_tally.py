"""The schema as of 0005 in one migration, squashed from 0001_initial ... 0005_process_tally.

A database on which all five were applied counts this one as applied (`replaces`); a fresh
one gets the tables, then the Editors group and the process tally. A database at an older
migration must first be migrated by a version that still has the five (see the README).
"""

import uuid

import django.core.serializers.json
import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def create_editors(apps, schema_editor):
    """The Editors group holds the permission to record events."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        Permission.objects.get(codename="record_event", content_type__app_label="negotiations"))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


def count_existing_processes(apps, schema_editor):
    """The tally starts at the processes there are (none, on a fresh database)."""
    Process = apps.get_model("negotiations", "Process")
    Tally = apps.get_model("negotiations", "Tally")
    Tally.objects.update_or_create(name="processes", defaults={"value": Process.objects.count()})


class Migration(migrations.Migration):

    replaces = [
        ('negotiations', '0001_initial'),
        ('negotiations', '0002_editors_group'),
        ('negotiations', '0003_list_and_period_indexes'),
        ('negotiations', '0004_status_change_log_and_date_precision'),
        ('negotiations', '0005_process_tally'),
    ]

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='Actor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('name', models.CharField(max_length=200)),
                ('kind', models.CharField(choices=[('state', 'state'), ('armed_group', 'armed group'), ('political_group', 'political group'), ('organization', 'organization'), ('delegation', 'delegation'), ('person', 'person')], max_length=20)),
                ('description', models.TextField(blank=True, max_length=2000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ProjectionPosition',
            fields=[
                ('name', models.CharField(max_length=50, primary_key=True, serialize=False)),
                ('position', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Tally',
            fields=[
                ('name', models.CharField(max_length=50, primary_key=True, serialize=False)),
                ('value', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Process',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('name', models.CharField(max_length=200)),
                ('conflict', models.CharField(db_index=True, max_length=200)),
                ('description', models.TextField(blank=True)),
                ('opened_on', models.DateField(null=True)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], db_index=True, max_length=20)),
                ('status_since', models.DateField(null=True)),
                ('status_sequence', models.PositiveIntegerField(default=1)),
                ('status_causes', models.JSONField(default=list, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('expected_resumption_on', models.DateField(blank=True, null=True)),
                ('latest_change_on', models.DateField(null=True)),
                ('last_event_on', models.DateField(null=True)),
                ('mediators', models.JSONField(default=list)),
                ('parties', models.JSONField(default=list)),
                ('opened_on_precision', models.CharField(default='day', max_length=5)),
                ('status_since_precision', models.CharField(default='day', max_length=5)),
                ('latest_change_precision', models.CharField(default='day', max_length=5)),
                ('last_event_on_precision', models.CharField(default='day', max_length=5)),
                ('version', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField(db_index=True)),
            ],
            options={
                'verbose_name_plural': 'processes',
                'ordering': ['name'],
                'permissions': [('record_event', 'Can record events on peace processes')],
                'indexes': [models.Index(fields=['name'], name='negotiation_name_c75221_idx'), models.Index(fields=['status_since'], name='negotiation_status__aa8e4e_idx'), models.Index(fields=['last_event_on'], name='negotiation_last_ev_055d0d_idx')],
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('actor_slug', models.SlugField(max_length=100)),
                ('role', models.CharField(choices=[('mediator', 'mediator'), ('party', 'party')], max_length=10)),
                ('participation', models.CharField(default='active', max_length=10)),
                ('process', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='negotiations.process')),
            ],
            options={
                'indexes': [models.Index(fields=['actor_slug', 'role'], name='negotiation_actor_s_a22abe_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'actor_slug', 'role'), name='uniq_participant')],
            },
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.BigIntegerField()),
                ('kind', models.CharField(choices=[('recorded', 'recorded'), ('corrected', 'corrected'), ('retracted', 'retracted')], max_length=10)),
                ('sequence', models.PositiveIntegerField()),
                ('amends', models.PositiveIntegerField(null=True)),
                ('reason', models.TextField(blank=True)),
                ('from_status', models.CharField(max_length=20, null=True)),
                ('to_status', models.CharField(max_length=20, null=True)),
                ('occurred_on', models.DateField(null=True)),
                ('date_precision', models.CharField(default='day', max_length=5)),
                ('causes', models.JSONField(default=list, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('expected_resumption_on', models.DateField(null=True)),
                ('recorded_at', models.DateTimeField()),
                ('process', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_log', to='negotiations.process')),
            ],
            options={
                'ordering': ['recorded_at', 'position', 'amends'],
                'indexes': [models.Index(fields=['recorded_at', 'position'], name='negotiation_recorde_ba054f_idx')],
            },
        ),
        migrations.CreateModel(
            name='StatusPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sequence', models.PositiveIntegerField()),
                ('from_status', models.CharField(max_length=20, null=True)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], max_length=20)),
                ('starts_on', models.DateField()),
                ('ends_on', models.DateField(null=True)),
                ('occurred_on', models.DateField()),
                ('date_precision', models.CharField(default='day', max_length=5)),
                ('causes', models.JSONField(default=list, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('expected_resumption_on', models.DateField(null=True)),
                ('recorded_at', models.DateTimeField(db_index=True)),
                ('process', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='negotiations.process')),
            ],
            options={
                'ordering': ['process', 'starts_on', 'sequence'],
                'indexes': [models.Index(fields=['process', 'starts_on', 'sequence'], name='negotiation_process_a901d6_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'sequence'), name='uniq_period_sequence')],
            },
        ),
        migrations.CreateModel(
            name='TimelineEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.BigIntegerField(unique=True)),
                ('sequence', models.PositiveIntegerField()),
                ('type', models.CharField(db_index=True, max_length=40)),
                ('occurred_on', models.DateField(null=True)),
                ('date_precision', models.CharField(default='day', max_length=5)),
                ('recorded_at', models.DateTimeField(db_index=True)),
                ('recorded_by', models.CharField(max_length=150)),
                ('recorded', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('current', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder, null=True)),
                ('corrections', models.JSONField(default=list, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('retraction', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder, null=True)),
                ('process', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='negotiations.process')),
            ],
            options={
                'verbose_name_plural': 'timeline entries',
                'ordering': ['process', 'sequence'],
                'constraints': [models.UniqueConstraint(fields=('process', 'sequence'), name='uniq_timeline_sequence')],
            },
        ),
        migrations.RunPython(create_editors, remove_editors),
        migrations.RunPython(count_existing_processes, migrations.RunPython.noop),
    ]
