# The indexes every write updated twice over (issue 11, round 4): see docs/performance.md.

import django.db.models.deletion
from django.db import migrations, models


def unindexed_process_key(model_name, related_name):
    """The foreign key to the process, without the index the composite ones already serve."""
    return migrations.AlterField(
        model_name=model_name,
        name="process",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name=related_name,
            to="negotiations.process",
        ),
    )


def index(model_name, field, name):
    return migrations.AddIndex(model_name=model_name, index=models.Index(fields=[field], name=name))


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
        unindexed_process_key("participant", "participants"),
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
        unindexed_process_key("statusperiod", "periods"),
        unindexed_process_key("timelineentry", "timeline"),
        migrations.AlterField(
            model_name="timelineentry",
            name="type",
            field=models.CharField(max_length=40),
        ),
        index("process", "conflict", "negotiation_conflic_6bbf38_idx"),
        index("process", "status", "negotiation_status_173576_idx"),
        index("timelineentry", "type", "negotiation_type_592441_idx"),
        migrations.AddConstraint(
            model_name="process",
            constraint=models.UniqueConstraint(fields=("slug",), name="uniq_process_slug"),
        ),
    ]
