# Month precision for a pause's expected resumption and for scheduled talks (issue 23,
# item 14). Every event stored before this migration was day-precise (the body had no such
# field), so the default fills the existing rows as a rebuild would: no rebuild is needed.
# Numbered 0009 and chained on 0007 by design: other branches add 0008 and 0010; the lead
# re-chains them on merge.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0008_one_json_encoder"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="expected_resumption_precision",
            field=models.CharField(default="day", max_length=5),
        )
        for model in ("process", "statusperiod", "statuschange")
    ]
