"""The timeline's and the status periods' fields named in the reader's language, and their
precisions and previous status said in words, on the admin's read-only pages (they showed
"Date precision", "day" and "paused" in English whatever the reader's language). Names and
choices only: no table changes."""

import negotiations.write.records
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('negotiations', '0015_agreements_agreed_or_signed'),
    ]

    operations = [
        migrations.AlterField(
            model_name='statusperiod',
            name='causes',
            field=models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='stated causes'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='date_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='date precision'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='expected_resumption_on',
            field=models.DateField(null=True, verbose_name='expected to resume on'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='expected_resumption_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='precision of the expected resumption'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='from_status',
            field=models.CharField(choices=[('planned', 'Planned'), ('active', 'Active'), ('paused', 'Paused'), ('suspended', 'Suspended'), ('concluded', 'Concluded'), ('collapsed', 'Collapsed')], max_length=20, null=True, verbose_name='previous status'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='occurred_on',
            field=models.DateField(verbose_name='occurred on'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='recorded_at',
            field=models.DateTimeField(db_index=True, verbose_name='recorded at'),
        ),
        migrations.AlterField(
            model_name='statusperiod',
            name='sequence',
            field=models.PositiveIntegerField(verbose_name='event number'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='corrections',
            field=models.JSONField(default=list, encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='corrections'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='current',
            field=models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, null=True, verbose_name='as corrected'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='date_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month')], default='day', max_length=5, verbose_name='date precision'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='position',
            field=models.BigIntegerField(unique=True, verbose_name='position in the event store'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='recorded',
            field=models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, verbose_name='as recorded'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='retraction',
            field=models.JSONField(encoder=negotiations.write.records.RecordTimeEncoder, null=True, verbose_name='retraction'),
        ),
    ]
