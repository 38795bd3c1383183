# The indexes every write updated twice over (issue 11, round 4): see docs/performance.md.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0001_squashed_0005_process_tally"),
    ]

    operations = [
        migrations.AlterField(
            model_name="participant",
            name="actor_slug",
            field=models.SlugField(db_index=False, max_length=100),
        ),
        migrations.AlterField(
            model_name="participant",
            name="process",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="participants",
                to="negotiations.process",
            ),
        ),
        migrations.AlterField(
            model_name="process",
            name="conflict",
            field=models.CharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="process",
            name="slug",
            field=models.SlugField(db_index=False, max_length=100),
        ),
        migrations.AlterField(
            model_name="process",
            name="status",
            field=models.CharField(
                choices=[
                    ("planned", "Planned"),
                    ("active", "Active"),
                    ("paused", "Paused"),
                    ("suspended", "Suspended"),
                    ("concluded", "Concluded"),
                    ("collapsed", "Collapsed"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="statusperiod",
            name="process",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="periods",
                to="negotiations.process",
            ),
        ),
        migrations.AlterField(
            model_name="timelineentry",
            name="process",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="timeline",
                to="negotiations.process",
            ),
        ),
        migrations.AlterField(
            model_name="timelineentry",
            name="type",
            field=models.CharField(max_length=40),
        ),
        migrations.AddIndex(
            model_name="process",
            index=models.Index(fields=["conflict"], name="negotiation_conflic_6bbf38_idx"),
        ),
        migrations.AddIndex(
            model_name="process",
            index=models.Index(fields=["status"], name="negotiation_status_173576_idx"),
        ),
        migrations.AddIndex(
            model_name="timelineentry",
            index=models.Index(fields=["type"], name="negotiation_type_592441_idx"),
        ),
        migrations.AddConstraint(
            model_name="process",
            constraint=models.UniqueConstraint(fields=("slug",), name="uniq_process_slug"),
        ),
    ]
