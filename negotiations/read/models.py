"""Read models, written only by `negotiations.read.projections` and reproduced row for row by a
rebuild."""

from __future__ import annotations

import uuid
from datetime import date
from typing import get_args

from django.db import models
from django.utils import formats
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.vocabulary import (
    AGREEMENT_STAGES,
    CHOICE_LABELS,
    STATUS_LABELS,
    AgreementStatus,
    DatePrecision,
    Status,
)
from negotiations.write.records import RecordTimeEncoder

# Shown in the reader's language (the admin's lists and filters, /about/).
STATUS_CHOICES = [(s.value, _(STATUS_LABELS[s])) for s in Status]
PRECISION_CHOICES = [(p, _(CHOICE_LABELS[p])) for p in get_args(DatePrecision)]


class Process(models.Model):
    """Summary of a peace process: one row per aggregate, its current corrected state."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexes are declared in Meta, not with `db_index`/`unique`: on PostgreSQL those add a
    # second `varchar_pattern_ops` index per text column, for LIKE queries this tracker never
    # makes, and every write would update it (see "Indexes" in docs/performance.md).
    slug = models.SlugField(max_length=100, db_index=False)
    name = models.CharField(verbose_name=_("name"), max_length=200)
    conflict = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Name, conflict and description folded for search (negotiations.read.folding): written
    # by the projection with them, searched with the query folded the same way.
    search_text = models.TextField(default="", editable=False)
    # The names given in the six UN languages (given by `NAMING` events), the latest in each:
    # {language: name} for the process, {actor slug: {language: name}} for its actors.
    names = models.JSONField(default=dict)
    actor_names = models.JSONField(default=dict)
    opened_on = models.DateField(null=True)
    status = models.CharField(verbose_name=_("status"), max_length=20, choices=STATUS_CHOICES)
    status_since = models.DateField(verbose_name=_("status since"), null=True)
    status_sequence = models.PositiveIntegerField(default=1)
    status_causes = models.JSONField(default=list, encoder=RecordTimeEncoder)
    expected_resumption_on = models.DateField(null=True, blank=True)
    latest_change_on = models.DateField(null=True)
    last_event_on = models.DateField(verbose_name=_("last event on"), null=True)
    mediators = models.JSONField(default=list, encoder=RecordTimeEncoder)
    parties = models.JSONField(default=list, encoder=RecordTimeEncoder)
    # The other third parties (joined in a role other than mediator): [{"actor", "role"}].
    third_parties = models.JSONField(default=list)
    # `day` or `month`: a month-precise date is stored as the 1st and shown as a month.
    opened_on_precision = models.CharField(max_length=5, default="day")
    status_since_precision = models.CharField(max_length=5, default="day")
    latest_change_precision = models.CharField(max_length=5, default="day")
    last_event_on_precision = models.CharField(max_length=5, default="day")
    expected_resumption_precision = models.CharField(max_length=5, default="day")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        # The list's default order and its other orderings, without sorting every row.
        indexes = [
            models.Index(fields=["conflict"]),
            models.Index(fields=["status"]),
            models.Index(fields=["name"]),
            models.Index(fields=["status_since"]),
            models.Index(fields=["last_event_on"]),
        ]
        constraints = [models.UniqueConstraint(fields=["slug"], name="uniq_process_slug")]
        permissions = [("record_event", "Can record events on peace processes")]

    def __str__(self) -> str:
        return self.name


def owned_by_process(related_name: str, **options) -> models.ForeignKey:
    """The process a row belongs to, with no index of its own: the row's unique constraint
    begins with the process and serves as its index."""
    return models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name=related_name, db_index=False, **options
    )


class Participant(models.Model):
    """Who mediates and who negotiates, one row each, so that filters are plain joins."""

    # Both served by the unique (process, actor, role) and the (actor, role) indexes.
    process = owned_by_process("participants")
    actor_slug = models.SlugField(max_length=100, db_index=False)
    role = models.CharField(max_length=10, choices=[("mediator", "mediator"), ("party", "party")])
    participation = models.CharField(max_length=10, default="active")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process", "actor_slug", "role"], name="uniq_participant"
            )
        ]
        indexes = [models.Index(fields=["actor_slug", "role"])]

    def __str__(self) -> str:
        return f"{self.actor_slug} ({self.role}) in {self.process_id}"


class TimelineEntry(models.Model):
    """One event of a process: as recorded, and (for ordinary events) as corrected."""

    position = models.BigIntegerField(verbose_name=_("position in the event store"), unique=True)
    process = owned_by_process("timeline", verbose_name=_("process"))
    sequence = models.PositiveIntegerField(verbose_name=_("event number"))
    type = models.CharField(verbose_name=_("event type"), max_length=40)
    occurred_on = models.DateField(verbose_name=_("occurred on"), null=True)
    date_precision = models.CharField(
        verbose_name=_("date precision"), max_length=5, default="day", choices=PRECISION_CHOICES
    )
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"), db_index=True)
    recorded_by = models.CharField(verbose_name=_("recorded by"), max_length=150)
    recorded = models.JSONField(verbose_name=_("as recorded"), encoder=RecordTimeEncoder)
    current = models.JSONField(verbose_name=_("as corrected"), encoder=RecordTimeEncoder, null=True)
    corrections = models.JSONField(
        verbose_name=_("corrections"), encoder=RecordTimeEncoder, default=list
    )
    retraction = models.JSONField(
        verbose_name=pgettext_lazy("of an event", "retraction"),
        encoder=RecordTimeEncoder,
        null=True,
    )

    class Meta:
        ordering = ["process", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["process", "sequence"], name="uniq_timeline_sequence")
        ]
        indexes = [models.Index(fields=["type"])]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        label = EVENT_LABELS.get(self.type)
        return gettext("%(type)s (event %(sequence)s)") % {
            "type": gettext(label) if label else self.type,
            "sequence": self.sequence,
        }

    @property
    def retracted(self) -> bool:
        return self.retraction is not None

    def dated(self, *, raw: bool) -> tuple[date | None, str]:
        """Its date and the date's precision as a view shows them: as corrected (the row's
        columns), or, in the history as recorded (`raw`), as the event was recorded (the
        board and the admin showed a corrected date in the raw history, where the original
        could then be seen nowhere but in the API)."""
        if not raw:
            return self.occurred_on, self.date_precision
        recorded = self.recorded.get("occurred_on")
        day = date.fromisoformat(recorded) if isinstance(recorded, str) else self.occurred_on
        return day, self.recorded.get("date_precision") or self.date_precision


class StatusPeriod(models.Model):
    """A stretch of world time with one status: "status on a date" is one indexed query.

    Rows with a `from_status` are the status changes; the feed reads them.
    """

    process = owned_by_process("periods", verbose_name=_("process"))
    sequence = models.PositiveIntegerField(verbose_name=_("event number"))
    from_status = models.CharField(
        verbose_name=_("previous status"), max_length=20, null=True, choices=STATUS_CHOICES
    )
    status = models.CharField(verbose_name=_("status"), max_length=20, choices=STATUS_CHOICES)
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"), null=True)
    occurred_on = models.DateField(verbose_name=_("occurred on"))
    date_precision = models.CharField(
        verbose_name=_("date precision"), max_length=5, default="day", choices=PRECISION_CHOICES
    )
    causes = models.JSONField(
        verbose_name=_("stated causes"), encoder=RecordTimeEncoder, default=list
    )
    expected_resumption_on = models.DateField(verbose_name=_("expected to resume on"), null=True)
    expected_resumption_precision = models.CharField(
        verbose_name=_("precision of the expected resumption"),
        max_length=5,
        default="day",
        choices=PRECISION_CHOICES,
    )
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"), db_index=True)
    # Not a column: what a pause expected, in the order announced, where
    # `selectors.status_periods` read it (`pause_expectations`).
    expected: list[tuple[date | None, str]]

    class Meta:
        ordering = ["process", "starts_on", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["process", "sequence"], name="uniq_period_sequence")
        ]
        # "Status on a date" reads the latest period starting by then: one index walk.
        indexes = [models.Index(fields=["process", "starts_on", "sequence"])]
        verbose_name = _("status period")
        verbose_name_plural = _("status periods")

    def __str__(self) -> str:
        return gettext("%(status)s from %(day)s (event %(sequence)s)") % {
            "status": self.get_status_display(),
            "day": formats.date_format(self.starts_on, "DATE_FORMAT"),
            "sequence": self.sequence,
        }


class StatusChange(models.Model):
    """One row of the status-change feed, a change log: each status change as recorded
    (`recorded`), and each correction or retraction that changed one (`corrected`,
    `retracted`), with its own record time. Applied in order, the rows give the corrected
    status history; rows are only ever added.
    """

    KINDS = [(k, k) for k in ("recorded", "corrected", "retracted")]

    position = models.BigIntegerField()  # of the event that made the row
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="status_log")
    kind = models.CharField(max_length=10, choices=KINDS)
    sequence = models.PositiveIntegerField()  # the status change, or the amendment
    amends = models.PositiveIntegerField(null=True)  # the status change an amendment replaces
    reason = models.TextField(blank=True)
    from_status = models.CharField(max_length=20, null=True)
    to_status = models.CharField(max_length=20, null=True)  # null: retracted
    occurred_on = models.DateField(null=True)
    date_precision = models.CharField(max_length=5, default="day")
    causes = models.JSONField(encoder=RecordTimeEncoder, default=list)
    expected_resumption_on = models.DateField(null=True)
    expected_resumption_precision = models.CharField(max_length=5, default="day")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "position", "amends"]
        # By record time (`since`), and by store position (`after`, the poller's cursor: a
        # poll scanned the whole log by the first, a review).
        indexes = [
            models.Index(fields=["recorded_at", "position"]),
            models.Index(fields=["position", "amends"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.sequence} of {self.process_id} at {self.position}"


class ProjectionPosition(models.Model):
    """The last event-store position a projection applied, written with its rows."""

    name = models.CharField(max_length=50, primary_key=True)
    position = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} at {self.position}"


class Tally(models.Model):
    """Counts the projection keeps, so that a list's `count` need not read every row."""

    name = models.CharField(max_length=50, primary_key=True)
    value = models.BigIntegerField(default=0)

    PROCESSES = "processes"

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


STAGE_CHOICES = [(s, s.replace("_", " ").capitalize()) for s in AGREEMENT_STAGES]
AGREEMENT_STATUS_CHOICES = [
    (s.value, s.value.replace("_", " ").capitalize()) for s in AgreementStatus
]


class Agreement(models.Model):
    """An agreement of a process as its events leave it (`domain.agreements.Agreement`): one
    row each, so that "in force on a date" and the list's filters are plain queries."""

    process = owned_by_process("agreements")
    slug = models.SlugField(max_length=100, db_index=False)
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    status = models.CharField(max_length=10, choices=AGREEMENT_STATUS_CHOICES)
    sequence = models.PositiveIntegerField()  # the event that signed it
    status_sequence = models.PositiveIntegerField()
    signed_on = models.DateField()
    signed_on_precision = models.CharField(max_length=5, default="day")
    signatories = models.JSONField(default=list)
    concluded = models.CharField(max_length=6, default="signed")  # or "agreed"
    third_parties = models.JSONField(default=list)
    text_url = models.CharField(max_length=2000, blank=True)
    takes_effect_on = models.DateField(null=True)
    in_force_on = models.DateField(null=True)
    in_force_on_precision = models.CharField(max_length=5, default="day")
    # The day it was rejected or ended; its status tells which.
    closed_on = models.DateField(null=True)
    closed_on_precision = models.CharField(max_length=5, default="day")
    end_reason = models.CharField(max_length=12, blank=True)
    ended_by = models.JSONField(default=list)
    rejected_by = models.CharField(max_length=200, blank=True)
    supersedes = models.SlugField(max_length=100, blank=True, db_index=False)
    superseded_by = models.SlugField(max_length=100, blank=True, db_index=False)
    votes = models.JSONField(default=list, encoder=RecordTimeEncoder)
    breaches = models.JSONField(default=list, encoder=RecordTimeEncoder)
    version = models.PositiveIntegerField()  # the sequence of its latest event
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_on", "process", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="uniq_agreement_slug")
        ]
        indexes = [
            models.Index(fields=["signed_on"]),
            models.Index(fields=["stage"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return self.title


class AgreementActor(models.Model):
    """Who signed an agreement and who stood by it in which role, one row each: the `party`
    filter is a plain join on both databases (SQLite has no JSON containment). Keyed by the
    process and the agreement's slug, not the agreement row's id, so that a rebuild makes the
    same rows."""

    # Served by the unique (process, agreement, actor, role) index.
    process = owned_by_process("agreement_actors")
    agreement_slug = models.SlugField(max_length=100, db_index=False)
    actor_slug = models.SlugField(max_length=100, db_index=False)
    role = models.CharField(max_length=12)  # "signatory", or a third party's role

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process", "agreement_slug", "actor_slug", "role"],
                name="uniq_agreement_actor",
            )
        ]
        indexes = [models.Index(fields=["actor_slug", "role"])]

    def __str__(self) -> str:
        return f"{self.actor_slug} ({self.role}) of {self.agreement_slug}"


class ReadModelsLayout(models.Model):
    """Which layout of the read models (`read.layout.LAYOUT`: what the projection writes for
    each event) the serving read models were built with. One row, written by a rebuild in
    its switch and by `migrate` while the read models are empty (`read.layout`). Not a read
    model itself: a rebuild neither copies nor drops it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveIntegerField()
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"layout {self.version}"
