# Agreements (issue 25): one row per agreement and one per signatory or third party, and the
# process's third parties; filled by the projection (a rebuild fills them for stored events).

import negotiations.write.records
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('negotiations', '0009_month_precision'),
    ]

    operations = [
        migrations.AddField(
            model_name='process',
            name='third_parties',
            field=models.JSONField(default=list),
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
    ]
