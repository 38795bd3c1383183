"""Seal every webhook secret again with the first key of WEBHOOK_SECRET_KEYS: the last step of
a key rotation (put the new key first, run this, then drop the old key)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from negotiations.webhooks import crypto
from negotiations.webhooks.models import Endpoint


class Command(BaseCommand):
    help = "Re-encrypt every webhook signing secret with the first WEBHOOK_SECRET_KEYS key."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for endpoint in Endpoint.objects.select_for_update().only(
                "pk", "sealed_secret", "previous_sealed_secret", "older_secrets"
            ):
                Endpoint.objects.filter(pk=endpoint.pk).update(
                    sealed_secret=crypto.reseal(endpoint.sealed_secret),
                    previous_sealed_secret=crypto.reseal(endpoint.previous_sealed_secret)
                    if endpoint.previous_sealed_secret
                    else "",
                    older_secrets=[
                        {**o, "sealed": crypto.reseal(o["sealed"])} for o in endpoint.older_secrets
                    ],
                )
                count += 1
        self.stdout.write(f"{count} endpoint(s) sealed with the first key.")
