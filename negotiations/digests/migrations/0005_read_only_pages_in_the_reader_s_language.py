"""A delivery's claim and message ID named in the reader's language on the admin's read-only
page. Names only: no table changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('digests', '0004_names_in_the_reader_s_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='delivery',
            name='claim_token',
            field=models.UUIDField(blank=True, null=True, verbose_name='claim token'),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='claimed at'),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='message_id',
            field=models.CharField(blank=True, max_length=255, verbose_name='message ID'),
        ),
    ]
