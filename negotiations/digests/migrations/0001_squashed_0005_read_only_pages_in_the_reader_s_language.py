"""The digests app's schema as of 0005 in one migration, squashed from 0001_initial ... 0005.

A database on which all five were applied counts this one as applied (`replaces`); a fresh one
gets the tables. A database with only some of them applied must first be migrated by the
version at commit b500d7b, the last that has them: a system check (negotiations.E001) stops
`check` and `migrate` and says so.
"""

import django.db.models.deletion
import negotiations.digests.models
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('digests', '0001_initial'),
        ('digests', '0002_subscription_language'),
        ('digests', '0003_field_names_in_the_reader_s_language'),
        ('digests', '0004_names_in_the_reader_s_language'),
        ('digests', '0005_read_only_pages_in_the_reader_s_language'),
    ]

    initial = True

    dependencies = [
        ('negotiations', '0001_squashed_0016_read_only_pages_in_the_reader_s_language'),
    ]

    operations = [
        migrations.CreateModel(
            name='Subscription',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('frequency', models.CharField(choices=[('daily', 'Daily'), ('weekly', 'Weekly (Mondays, for Monday to Sunday)')], default='weekly', max_length=10, verbose_name='frequency')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('send_when_empty', models.BooleanField(default=False, help_text='Send a digest even when nothing changed in the period.', verbose_name='send when empty')),
                ('language', models.CharField(choices=[('ar', 'العربية'), ('zh-hans', '中文'), ('en', 'English'), ('fr', 'Français'), ('ru', 'Русский'), ('es', 'Español')], default='en', max_length=10, verbose_name='language')),
                ('unsubscribe_token', models.CharField(default=negotiations.digests.models.new_unsubscribe_token, editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('unsubscribed_at', models.DateTimeField(blank=True, editable=False, null=True)),
            ],
            options={
                'verbose_name': 'subscription',
                'verbose_name_plural': 'subscriptions',
                'ordering': ['email'],
            },
        ),
        migrations.CreateModel(
            name='FollowedProcess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('process', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='negotiations.process', verbose_name='process')),
                ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followed', to='digests.subscription', verbose_name='subscription')),
            ],
            options={
                'verbose_name': 'followed process',
                'verbose_name_plural': 'followed processes',
                'constraints': [models.UniqueConstraint(fields=('subscription', 'process'), name='uniq_followed')],
            },
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('period_end', models.DateField(verbose_name='period end')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('skipped', 'Skipped (nothing to report)'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('claim_token', models.UUIDField(blank=True, null=True, verbose_name='claim token')),
                ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('message_id', models.CharField(blank=True, max_length=255, verbose_name='message ID')),
                ('changes', models.PositiveIntegerField(blank=True, null=True, verbose_name='changes')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='digests.subscription', verbose_name='subscription')),
            ],
            options={
                'verbose_name': 'delivery',
                'verbose_name_plural': 'deliveries',
                'ordering': ['-period_end', 'subscription_id'],
                'indexes': [models.Index(fields=['status', 'claimed_at'], name='digests_del_status_3a1b8b_idx')],
                'constraints': [models.UniqueConstraint(fields=('subscription', 'period_start', 'period_end'), name='uniq_delivery_period')],
            },
        ),
    ]
