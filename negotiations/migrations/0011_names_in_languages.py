# Names in the six UN languages (issue 26): the process row keeps the names its naming
# events give, the process's own and its actors'. No event of that type was stored before this
# migration, so the empty default is what a rebuild would write: no rebuild is needed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0010_agreements"),
    ]

    operations = [
        migrations.AddField(
            model_name="process",
            name="names",
            field=models.JSONField(default=dict),
        ),
        migrations.AddField(
            model_name="process",
            name="actor_names",
            field=models.JSONField(default=dict),
        ),
    ]
