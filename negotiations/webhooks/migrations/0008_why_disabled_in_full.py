"""Why an endpoint was disabled is kept whole. Cut at 300 characters, a refusal that named a
long host no longer matched its template, and the admin showed it in English."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('webhooks', '0007_endpoint_names_in_the_reader_s_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='endpoint',
            name='disabled_reason',
            field=models.TextField(blank=True, verbose_name='why disabled'),
        ),
    ]
