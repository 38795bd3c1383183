"""The status-change log by store position: `status-changes/?after=` polls by it (a review
found each poll scanning the whole log by record time)."""

from django.db import migrations, models

INDEX = models.Index(fields=["position", "amends"], name="negotiation_positio_1151f2_idx")


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0018_token_digests")]
    operations = [migrations.AddIndex("statuschange", INDEX)]
