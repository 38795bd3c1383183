"""What a Django team would write instead: the current status in a row, its history kept by
django-simple-history, and one timeline row per reported event."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords


class TrackedProcess(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    conflict = models.CharField(max_length=200)
    status = models.CharField(max_length=20, default="planned")
    status_since = models.DateField(null=True)
    expected_resumption_on = models.DateField(null=True)
    latest_change_on = models.DateField(null=True)
    last_event_on = models.DateField(null=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.slug


class TimelineRow(models.Model):
    process = models.ForeignKey(TrackedProcess, on_delete=models.CASCADE)
    sequence = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    occurred_on = models.DateField(null=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)
    body = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "sequence"], name="uniq_baseline_seq")
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.type}"
