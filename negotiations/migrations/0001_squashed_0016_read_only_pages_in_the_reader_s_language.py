"""The schema as of 0016 in one migration, squashed from 0001_initial ... 0016 (the first five had
been squashed once already, as 0001_squashed_0005_process_tally).

A database on which all sixteen were applied counts this one as applied (`replaces`); a fresh
one gets the tables, then the Editors group and the process tally. A database with only some of
them applied must first be migrated by the version at commit b500d7b, the last that has them
(one from before 0005, first by the one at commit 8cd173d): a system check (negotiations.E001)
stops `check` and `migrate` and says so. The data steps of the old
migrations (0007 filled the new search column of stored processes) had nothing to do on a fresh
database and are not here.
"""

import django.db.models.deletion
import negotiations.write.records
import uuid
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
        ('negotiations', '0006_fewer_indexes'),
        ('negotiations', '0007_process_search_text'),
        ('negotiations', '0008_one_json_encoder'),
        ('negotiations', '0009_month_precision'),
        ('negotiations', '0010_agreements'),
        ('negotiations', '0011_names_in_languages'),
        ('negotiations', '0012_read_models_layout'),
        ('negotiations', '0013_model_names_in_the_reader_s_language'),
        ('negotiations', '0014_field_names_in_the_reader_s_language'),
        ('negotiations', '0015_agreements_agreed_or_signed'),
        ('negotiations', '0016_read_only_pages_in_the_reader_s_language'),
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
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('state', 'state'), ('armed_group', 'armed group'), ('political_group', 'political group'), ('organization', 'organization'), ('delegation', 'delegation'), ('person', 'person')], max_length=20, verbose_name='kind')),
                ('description', models.TextField(blank=True, max_length=2000, verbose_name='description')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'actor',
                'verbose_name_plural': 'actors',
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
            name='ReadModelsLayout',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('version', models.PositiveIntegerField()),
                ('recorded_at', models.DateTimeField()),
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
                ('slug', models.SlugField(db_index=False, max_length=100)),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('conflict', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True)),
                ('search_text', models.TextField(default='', editable=False)),
                ('names', models.JSONField(default=dict)),
                ('actor_names', models.JSONField(default=dict)),
                ('opened_on', models.DateField(null=True)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], max_length=20, verbose_name='status')),
                ('status_since', models.DateField(null=True, verbose_name='status since')),
                ('status_sequence', models.PositiveIntegerField(default=1)),
                ('status_causes', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('expected_resumption_on', models.DateField(blank=True, null=True)),
                ('latest_change_on', models.DateField(null=True)),
                ('last_event_on', models.DateField(null=True, verbose_name='last event on')),
                ('mediators', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('parties', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('third_parties', models.JSONField(default=list)),
                ('opened_on_precision', models.CharField(default='day', max_length=5)),
                ('status_since_precision', models.CharField(default='day', max_length=5)),
                ('latest_change_precision', models.CharField(default='day', max_length=5)),
                ('last_event_on_precision', models.CharField(default='day', max_length=5)),
                ('expected_resumption_precision', models.CharField(default='day', max_length=5)),
                ('version', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField(db_index=True)),
            ],
            options={
                'verbose_name': 'process',
                'verbose_name_plural': 'processes',
                'ordering': ['name'],
                'permissions': [('record_event', 'Can record events on peace processes')],
                'indexes': [models.Index(fields=['conflict'], name='negotiation_conflic_6bbf38_idx'), models.Index(fields=['status'], name='negotiation_status_173576_idx'), models.Index(fields=['name'], name='negotiation_name_c75221_idx'), models.Index(fields=['status_since'], name='negotiation_status__aa8e4e_idx'), models.Index(fields=['last_event_on'], name='negotiation_last_ev_055d0d_idx')],
                'constraints': [models.UniqueConstraint(fields=('slug',), name='uniq_process_slug')],
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('actor_slug', models.SlugField(db_index=False, max_length=100)),
                ('role', models.CharField(choices=[('mediator', 'mediator'), ('party', 'party')], max_length=10)),
                ('participation', models.CharField(default='active', max_length=10)),
                ('process', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='negotiations.process')),
            ],
            options={
                'indexes': [models.Index(fields=['actor_slug', 'role'], name='negotiation_actor_s_a22abe_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'actor_slug', 'role'), name='uniq_participant')],
            },
        ),
        migrations.CreateModel(
            name='AgreementActor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agreement_slug', models.SlugField(db_index=False, max_length=100)),
                ('actor_slug', models.SlugField(db_index=False, max_length=100)),
                ('role', models.CharField(max_length=12)),
                ('process', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='agreement_actors', to='negotiations.process')),
            ],
            options={
                'indexes': [models.Index(fields=['actor_slug', 'role'], name='negotiation_actor_s_addb37_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'agreement_slug', 'actor_slug', 'role'), name='uniq_agreement_actor')],
            },
        ),
        migrations.CreateModel(
            name='Agreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(db_index=False, max_length=100)),
                ('title', models.CharField(max_length=200)),
                ('stage', models.CharField(choices=[('pre_negotiation', 'Pre negotiation'), ('ceasefire', 'Ceasefire'), ('partial', 'Partial'), ('comprehensive', 'Comprehensive'), ('implementation', 'Implementation'), ('renewal', 'Renewal')], max_length=20)),
                ('status', models.CharField(choices=[('signed', 'Signed'), ('in_force', 'In force'), ('rejected', 'Rejected'), ('ended', 'Ended')], max_length=10)),
                ('sequence', models.PositiveIntegerField()),
                ('status_sequence', models.PositiveIntegerField()),
                ('signed_on', models.DateField()),
                ('signed_on_precision', models.CharField(default='day', max_length=5)),
                ('signatories', models.JSONField(default=list)),
                ('concluded', models.CharField(default='signed', max_length=6)),
                ('third_parties', models.JSONField(default=list)),
                ('text_url', models.CharField(blank=True, max_length=2000)),
                ('takes_effect_on', models.DateField(null=True)),
                ('in_force_on', models.DateField(null=True)),
                ('in_force_on_precision', models.CharField(default='day', max_length=5)),
                ('closed_on', models.DateField(null=True)),
                ('closed_on_precision', models.CharField(default='day', max_length=5)),
                ('end_reason', models.CharField(blank=True, max_length=12)),
                ('ended_by', models.JSONField(default=list)),
                ('rejected_by', models.CharField(blank=True, max_length=200)),
                ('supersedes', models.SlugField(blank=True, db_index=False, max_length=100)),
                ('superseded_by', models.SlugField(blank=True, db_index=False, max_length=100)),
                ('votes', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('breaches', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('version', models.PositiveIntegerField()),
                ('updated_at', models.DateTimeField()),
                ('process', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='agreements', to='negotiations.process')),
            ],
            options={
                'ordering': ['signed_on', 'process', 'sequence'],
                'indexes': [models.Index(fields=['signed_on'], name='negotiation_signed__6f2a4e_idx'), models.Index(fields=['stage'], name='negotiation_stage_cdb2db_idx'), models.Index(fields=['status'], name='negotiation_status_4c9364_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'slug'), name='uniq_agreement_slug')],
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
                ('causes', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder)),
                ('expected_resumption_on', models.DateField(null=True)),
                ('expected_resumption_precision', models.CharField(default='day', max_length=5)),
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
                ('sequence', models.PositiveIntegerField(verbose_name='event number')),
                ('from_status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], max_length=20, null=True, verbose_name='previous status')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], max_length=20, verbose_name='status')),
                ('starts_on', models.DateField(verbose_name='starts on')),
                ('ends_on', models.DateField(null=True, verbose_name='ends on')),
                ('occurred_on', models.DateField(verbose_name='occurred on')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='date precision')),
                ('causes', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='stated causes')),
                ('expected_resumption_on', models.DateField(null=True, verbose_name='expected to resume on')),
                ('expected_resumption_precision', models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='precision of the expected resumption')),
                ('recorded_at', models.DateTimeField(db_index=True, verbose_name='recorded at')),
                ('process', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='negotiations.process', verbose_name='process')),
            ],
            options={
                'verbose_name': 'status period',
                'verbose_name_plural': 'status periods',
                'ordering': ['process', 'starts_on', 'sequence'],
                'indexes': [models.Index(fields=['process', 'starts_on', 'sequence'], name='negotiation_process_a901d6_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'sequence'), name='uniq_period_sequence')],
            },
        ),
        migrations.CreateModel(
            name='TimelineEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.BigIntegerField(unique=True, verbose_name='position in the event store')),
                ('sequence', models.PositiveIntegerField(verbose_name='event number')),
                ('type', models.CharField(max_length=40, verbose_name='event type')),
                ('occurred_on', models.DateField(null=True, verbose_name='occurred on')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='date precision')),
                ('recorded_at', models.DateTimeField(db_index=True, verbose_name='recorded at')),
                ('recorded_by', models.CharField(max_length=150, verbose_name='recorded by')),
                ('recorded', models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='as recorded')),
                ('current', models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, null=True, verbose_name='as corrected')),
                ('corrections', models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='corrections')),
                ('retraction', models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, null=True, verbose_name='retraction')),
                ('process', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='negotiations.process', verbose_name='process')),
            ],
            options={
                'verbose_name': 'timeline entry',
                'verbose_name_plural': 'timeline entries',
                'ordering': ['process', 'sequence'],
                'indexes': [models.Index(fields=['type'], name='negotiation_type_592441_idx')],
                'constraints': [models.UniqueConstraint(fields=('process', 'sequence'), name='uniq_timeline_sequence')],
            },
        ),
        migrations.RunPython(create_editors, remove_editors),
        migrations.RunPython(count_existing_processes, migrations.RunPython.noop),
    ]
