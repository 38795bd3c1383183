"""`GET /api/v1/agreements/` and `…/processes/<ref>/agreements/`: the agreements read model
(docs/agreements.md). Thin: a filter set, a serializer, two list views; `?format=pax` answers
the agreements in PA-X's column layout."""

from __future__ import annotations

import json
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

from negotiations.domain.asking import refuse_future_status_date
from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.vocabulary import (
    AGREEMENT_STAGES,
    CONCLUDED,
    END_REASONS,
    PAX_STAGES,
    THIRD_PARTY_ROLES,
    VOTE_RESULTS,
    AgreementStatus,
)
from negotiations.interchange.pax import pax_csv
from negotiations.read import agreements as reads
from negotiations.read import selectors
from negotiations.read.models import Agreement

from .filters import BlankIsAbsentFilterSet
from .representations import PRECISIONS, CauseOut, PrecisionOfField, ThirdPartyRoleOut

STATUSES = [s.value for s in AgreementStatus]


class ProcessAgreementFilter(BlankIsAbsentFilterSet):
    """The filters of one process's agreements."""

    stage = django_filters.MultipleChoiceFilter(choices=[(s, s) for s in AGREEMENT_STAGES])
    status = django_filters.MultipleChoiceFilter(
        choices=[(s, s) for s in STATUSES],
        method="filter_status",
        help_text="Its status now, or on status_on when given.",
    )
    status_on = django_filters.DateFilter(
        method="filter_status_on",
        help_text="A world date (YYYY-MM-DD): only the agreements signed by then, and "
        "`status` is their status on that date. Each row still shows the agreement as now "
        "known.",
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", help_text="Signed on or after (YYYY-MM-DD)."
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", help_text="Signed on or before (YYYY-MM-DD)."
    )
    party = django_filters.CharFilter(method="filter_party", help_text="A signatory's slug.")
    third_party = django_filters.CharFilter(
        method="filter_third_party", help_text="A third party's slug (any role)."
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return reads.with_status(queryset, value, self.form.cleaned_data.get("status_on"))

    def filter_status_on(self, queryset, name, value):
        # As the status's `as_of`: up to tomorrow, not a forecast told as a fact ("in force"
        # on 1 January 2999 was answered: a date tester's outside test).
        refuse_future_status_date(value, today=selectors.today(), field="status_on")
        return queryset.filter(signed_on__lte=value)

    def filter_party(self, queryset, name, value):
        return reads.with_actor(queryset, value, ("signatory",))

    def filter_third_party(self, queryset, name, value):
        return reads.with_actor(queryset, value, THIRD_PARTY_ROLES)


class AgreementFilter(ProcessAgreementFilter):
    """The filters of every agreement: those of one process's, and the process."""

    process = django_filters.CharFilter(method="filter_process", help_text="UUID or slug.")

    def filter_process(self, queryset, name, value):
        try:
            process = selectors.process_by_ref(value)
        except ProcessNotFound:
            raise ValidationError(
                {"process": [_("No process '%(slug)s'.") % {"slug": value}]}
            ) from None
        return queryset.filter(process=process)


class AgreementVoteSerializer(serializers.Serializer):
    """A vote on an agreement as it lists it (`domain.agreements.vote_of`): a ratification
    names its body and counts, a referendum its shares; the other kind's fields are left out
    (a generated client read the votes as untyped objects)."""

    kind = serializers.ChoiceField(choices=["ratification", "referendum"])
    sequence = serializers.IntegerField(help_text="The event that recorded it.")
    occurred_on = serializers.DateField()
    date_precision = serializers.ChoiceField(choices=PRECISIONS)
    result = serializers.ChoiceField(choices=list(VOTE_RESULTS))
    body = serializers.CharField(required=False, help_text="A ratification's: who voted.")
    votes_for = serializers.IntegerField(required=False, allow_null=True)
    votes_against = serializers.IntegerField(required=False, allow_null=True)
    abstentions = serializers.IntegerField(required=False, allow_null=True)
    yes_share = serializers.FloatField(
        required=False, allow_null=True, help_text="A referendum's: percent of valid votes."
    )
    no_share = serializers.FloatField(
        required=False, allow_null=True, help_text="A referendum's: percent of valid votes."
    )
    turnout = serializers.FloatField(
        required=False, allow_null=True, help_text="A referendum's: percent of the electorate."
    )


class AgreementBreachSerializer(serializers.Serializer):
    """An alleged breach of an agreement, as it lists it (a claim, not a finding)."""

    sequence = serializers.IntegerField(help_text="The event that recorded it.")
    occurred_on = serializers.DateField()
    date_precision = serializers.ChoiceField(choices=PRECISIONS)
    alleged_by = serializers.ListField(child=serializers.CharField(), help_text="Actor slugs.")
    against = serializers.ListField(child=serializers.CharField(), help_text="Actor slugs.")
    # Empty on read models built before breaches kept their causes (layout 2), until
    # `rebuild_projections`: not a 500 meanwhile (a review).
    causes = CauseOut(many=True, default=list, help_text="The causes its accusers stated.")


class AgreementSerializer(serializers.ModelSerializer):
    process = serializers.UUIDField(source="process_id", read_only=True)
    process_slug = serializers.CharField(source="process.slug", read_only=True)
    agreement = serializers.CharField(source="slug", read_only=True)
    # Choices as plain values, as the schema's AgreementStageEnum and AgreementStatusEnum name
    # them (tracker.settings' ENUM_NAME_OVERRIDES).
    stage = serializers.ChoiceField(choices=list(AGREEMENT_STAGES), read_only=True)
    # The schema's AgreementStatusEnum (tracker.settings_api's ENUM_NAME_OVERRIDES keeps it
    # apart from the talks' StatusEnum).
    status = serializers.ChoiceField(
        choices=STATUSES,
        read_only=True,
        help_text="Its lifecycle; 'signed' is its first state, also for one `concluded` as "
        "'agreed'.",
    )
    concluded = serializers.ChoiceField(
        choices=list(CONCLUDED),
        read_only=True,
        help_text="'signed', or 'agreed': the parties agreed to it and no signing was "
        "reported (its signatories are the parties that agreed).",
    )
    pax_stage = serializers.SerializerMethodField()
    # One of the date precisions (the schema's DatePrecisionEnum), null beside no date.
    signed_on_precision = PrecisionOfField("signed_on")
    in_force_on_precision = PrecisionOfField("in_force_on")
    closed_on_precision = PrecisionOfField("closed_on")
    # Typed as they are sent, and the same on both databases: a generated client read these
    # lists as "any", `end_reason` as a plain string, and PostgreSQL's integer range put a
    # `maximum` on the numbers that SQLite's schema did not have (an outside client's test).
    signatories = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Actor slugs."
    )
    third_parties = ThirdPartyRoleOut(many=True, read_only=True)
    ended_by = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Actor slugs."
    )
    votes = AgreementVoteSerializer(many=True, read_only=True)
    breaches = AgreementBreachSerializer(many=True, read_only=True)
    end_reason = serializers.ChoiceField(
        choices=list(END_REASONS), allow_blank=True, read_only=True
    )
    # A slug or empty: the model's SlugField put a slug's pattern on the empty text answered.
    supersedes = serializers.CharField(
        read_only=True, help_text="The agreement it supersedes (its slug), or empty."
    )
    superseded_by = serializers.CharField(
        read_only=True, help_text="The agreement that superseded it (its slug), or empty."
    )
    sequence = serializers.IntegerField(read_only=True, help_text="The event that signed it.")
    version = serializers.IntegerField(
        read_only=True, help_text="The sequence of its latest event."
    )

    class Meta:
        model = Agreement
        fields = [
            "process",
            "process_slug",
            "agreement",
            "title",
            "stage",
            "pax_stage",
            "status",
            "signed_on",
            "signed_on_precision",
            "signatories",
            "concluded",
            "third_parties",
            "text_url",
            "takes_effect_on",
            "in_force_on",
            "in_force_on_precision",
            "closed_on",
            "closed_on_precision",
            "end_reason",
            "ended_by",
            "rejected_by",
            "supersedes",
            "superseded_by",
            "votes",
            "breaches",
            "sequence",
            "version",
        ]
        read_only_fields = fields  # an answer's: every field is always there

    def get_pax_stage(self, row: Agreement) -> str:
        return PAX_STAGES[row.stage][0]


class AgreementOnDateSerializer(serializers.Serializer):
    """An agreement as it stood on a date (`read.agreements.on_date_item`), as `status/`
    tells it: the schema's `AgreementOnDate`, so that a generated client reads typed items."""

    agreement = serializers.CharField()
    title = serializers.CharField()
    stage = serializers.ChoiceField(choices=list(AGREEMENT_STAGES))
    status = serializers.ChoiceField(choices=STATUSES, help_text="Its status on as_of.")
    signed_on = serializers.DateField(allow_null=True)
    signed_on_precision = serializers.ChoiceField(choices=PRECISIONS, allow_null=True)
    concluded = serializers.ChoiceField(choices=list(CONCLUDED))
    in_force_on = serializers.DateField(allow_null=True, help_text="null until it took effect.")
    in_force_on_precision = serializers.ChoiceField(choices=PRECISIONS, allow_null=True)
    closed_on = serializers.DateField(allow_null=True, help_text="null until rejected or ended.")
    closed_on_precision = serializers.ChoiceField(choices=PRECISIONS, allow_null=True)
    rejected_by = serializers.CharField(allow_blank=True)
    end_reason = serializers.CharField(allow_blank=True)
    supersedes = serializers.CharField(allow_blank=True)
    superseded_by = serializers.CharField(allow_blank=True)
    votes = AgreementVoteSerializer(many=True, help_text="Its votes by as_of.")
    breaches = AgreementBreachSerializer(many=True, help_text="Its breaches alleged by as_of.")


class PaxCSVRenderer(BaseRenderer):
    """`?format=pax`: the whole filtered list in PA-X's layout (interchange.pax), unpaged."""

    media_type = "text/csv"
    format = "pax"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        # A refusal (400, 404) is the API's JSON error, whatever format was asked for.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, default=str).encode()


class AgreementListView(generics.ListAPIView):
    """Agreements, in signing order (docs/agreements.md)."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, PaxCSVRenderer]

    def get_queryset(self) -> QuerySet[Agreement]:
        return reads.agreements()

    def list(self, request, *args, **kwargs):
        if (
            getattr(request, "accepted_renderer", None)
            and request.accepted_renderer.format == "pax"
        ):
            self.paginator.check_query(request)  # type: ignore[union-attr]  # the API's Pagination
            rows = list(self.filter_queryset(self.get_queryset()))
            slugs = {s for a in rows for s in a.signatories} | {
                t["actor"] for a in rows for t in a.third_parties
            }
            response = HttpResponse(
                pax_csv(rows, selectors.actor_names(slugs)), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="agreements-pax.csv"'
            return response
        return super().list(request, *args, **kwargs)


class ProcessAgreementListView(AgreementListView):
    """The agreements of one process."""

    filterset_class = ProcessAgreementFilter

    def get_queryset(self) -> QuerySet[Agreement]:
        if getattr(self, "swagger_fake_view", False):  # the schema's generation: no process
            return Agreement.objects.none()
        return reads.of_process(selectors.process_by_ref(self.kwargs["ref"]))


def agreement_item(row: Agreement) -> dict[str, Any]:
    """An agreement as the API shows it (the status answer lists these)."""
    return dict(AgreementSerializer(row).data)
