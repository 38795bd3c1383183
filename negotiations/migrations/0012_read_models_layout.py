# The layout the serving read models were built with (negotiations/read/layout.py). The table
# starts empty: read models built before it are of a layout nobody recorded, and `check` and
# /healthz say they need a rebuild; after `migrate`, read models still empty are stamped
# with this version's layout (nothing in them can be stale).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0011_names_in_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadModelsLayout",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("version", models.PositiveIntegerField()),
                ("recorded_at", models.DateTimeField()),
            ],
        ),
    ]
