"""`/api/v1/webhooks/`: editors register, read and delete webhook endpoints, and rotate
their secrets. A secret is shown once, in the answer to the registration or the rotation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.openapi import error_responses
from api.strict import NoUnknownFields, refuse_unknown
from negotiations.write.commit import atomic_unit_of_work
from negotiations.write.permissions import may_record

from . import outbound, services
from .models import DELIVERY_STATE, KINDS, MAX_PROCESSES, Endpoint


class IsRecorder(BasePermission):
    """Webhooks are for editors (the recording permission), reads included."""

    message = gettext_lazy("Webhooks are managed by editors (the Editors group).")

    def has_permission(self, request, view):
        return may_record(request.user)


class BoundedListField(serializers.ListField):
    """A list field that refuses a list longer than its `max_length` before looking at its
    items: 200,000 slugs are one error, not 200,000 checks and as many errors."""

    def to_internal_value(self, data):
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class ReferenceField(serializers.SlugField):
    """A process named by its id or its slug: a string (DRF's own reads a number as its
    digits, and `[0]` was taken for the process whose slug is "0")."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class EndpointIn(NoUnknownFields):
    url = serializers.URLField(max_length=500, help_text="Where the events are POSTed.")
    processes = BoundedListField(
        child=ReferenceField(),
        default=list,
        max_length=MAX_PROCESSES,
        help_text=f"Processes, each by its id or its slug (at most {MAX_PROCESSES}), kept as "
        "slugs; [] for all.",
    )
    kinds = BoundedListField(
        child=serializers.ChoiceField(choices=KINDS),
        allow_empty=False,
        min_length=1,
        max_length=len(KINDS),
        help_text="Of " + ", ".join(KINDS) + ".",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        refused = outbound.registration_problem(attrs["url"])
        if refused:
            raise serializers.ValidationError({"url": [refused]})
        attrs["processes"] = services.as_slugs(attrs["processes"])
        not_found = services.unknown_processes(attrs["processes"])
        if not_found:
            raise serializers.ValidationError({"processes": not_found})
        return attrs


class EndpointOut(serializers.ModelSerializer):
    # Typed (a JSON column is "any" in the schema, and so in a generated client).
    processes = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        label=capfirst(gettext_lazy("processes")),
        help_text="Process slugs; none means every process.",
    )
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=KINDS),
        read_only=True,
        label=capfirst(gettext_lazy("kinds")),
        help_text="Of " + ", ".join(KINDS) + ".",
    )

    def build_standard_field(self, field_name, model_field):
        """Each field labelled by its verbose name, always: DRF passes the label only where it
        differs from the field's name in the language of the moment, so the schema's titles
        depended on the language the serializer declared below was first built in (an
        English first reader left the French schema without them)."""
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.setdefault("label", capfirst(model_field.verbose_name))
        return field_class, kwargs

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "processes",
            "kinds",
            "active",
            "position",
            "created_at",
            *DELIVERY_STATE,
        ]
        read_only_fields = fields


class EndpointCreated(EndpointOut):
    secret = serializers.CharField(
        read_only=True, help_text="The signing secret (`whsec_` + base64), shown only this once."
    )

    class Meta(EndpointOut.Meta):
        fields = [*EndpointOut.Meta.fields, "secret"]
        read_only_fields = fields


def _own(request, pk) -> Endpoint:
    try:
        return services.owned(Endpoint.objects.all(), request.user, "created_by").get(pk=pk)
    except (Endpoint.DoesNotExist, ValueError, ValidationError):  # not a UUID: no such hook
        raise NotFound(f"No webhook '{pk}'.") from None


class RedeliverIn(NoUnknownFields):
    from_position = serializers.IntegerField(
        min_value=1,
        max_value=2**62,
        validators=[services.redeliverable],
        help_text="Store position to deliver from (inclusive).",
    )


class SecretRotated(serializers.Serializer):
    id = serializers.UUIDField()
    secret = serializers.CharField(help_text="The new signing secret, shown only this once.")
    previous_secret_until = serializers.DateTimeField(
        help_text="Until then each delivery is signed with the previous secret too."
    )


# An answer that shows a secret is kept by no cache, shared or the client's own (RFC 9111).
SECRET_SHOWN = {"Cache-Control": "no-store"}


class EndpointViewSet(viewsets.ViewSet):
    """Webhooks are a recorder's: a reader without the recording permission is refused (403),
    reads included."""

    answer_headers = {"POST": {"201": ("Location",)}}  # api.openapi documents it

    # Routed by DRF's router (urls.py): the list, one endpoint, and its two actions.

    permission_classes = [IsRecorder]
    lookup_value_regex = "[^/]+"  # any id reaches `_own`, which answers 404 for a bad one

    @extend_schema(responses={200: EndpointOut(many=True), **error_responses(403)})
    def list(self, request):
        """Your webhook endpoints (every endpoint, for a superuser)."""
        rows = services.owned(Endpoint.objects.all(), request.user, "created_by")
        return Response(EndpointOut(rows, many=True).data)

    @extend_schema(request=EndpointIn, responses={201: EndpointCreated, **error_responses(400)})
    def create(self, request):
        """Register an endpoint. The answer carries its `secret`, shown only this once. A
        user registers at most WEBHOOK_MAX_ENDPOINTS_PER_USER endpoints (20 by default)."""
        form = EndpointIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            with atomic_unit_of_work():  # a failure at its commit: 503 outcome_unknown
                endpoint = services.endpoint_create(**form.validated_data, created_by=request.user)
            request.recorded = endpoint  # a failure from here on: stored (`api.errors`)
        except ValidationError as refused:  # the creator's cap, checked under a lock there
            raise serializers.ValidationError(refused.messages) from None
        where = request.build_absolute_uri(reverse("webhooks:endpoint-detail", args=[endpoint.pk]))
        return Response(
            EndpointCreated(endpoint).data,
            status=status.HTTP_201_CREATED,
            headers={**SECRET_SHOWN, "Location": where},
        )

    @extend_schema(responses={200: EndpointOut, **error_responses(403, 404)})
    def retrieve(self, request, pk):
        return Response(EndpointOut(_own(request, pk)).data)

    @extend_schema(responses={204: None, **error_responses(404)})
    def destroy(self, request, pk):
        with atomic_unit_of_work():
            _own(request, pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=RedeliverIn, responses={200: EndpointOut, **error_responses(400, 404)})
    @action(detail=True, methods=["post"])
    def redeliver(self, request, pk):
        """Deliver again every matching event from a store position on (re-enables a
        disabled endpoint)."""
        endpoint = _own(request, pk)
        form = RedeliverIn(data=request.data)
        form.is_valid(raise_exception=True)
        with atomic_unit_of_work():
            endpoint = services.endpoint_redeliver(
                endpoint=endpoint, from_position=form.validated_data["from_position"]
            )
        return Response(EndpointOut(endpoint).data)

    @extend_schema(request=None, responses={200: SecretRotated, **error_responses(403, 404)})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk):
        """Issue a new signing secret, answered only this once. During
        WEBHOOK_SECRET_GRACE_SECONDS (24 h by default) every delivery carries two signatures
        in `webhook-signature`, `v1,<new> v1,<previous>`, so a receiver can switch to the new
        secret at any moment of it; after it, only the new secret signs."""
        endpoint = _own(request, pk)
        # It takes no body: a `secret` sent was ignored, and a random one issued.
        refuse_unknown(request.data, ())
        with atomic_unit_of_work():
            endpoint, secret = services.endpoint_rotate_secret(endpoint=endpoint)
        request.recorded = endpoint  # a failure from here on: stored (`api.errors`)
        return Response(
            SecretRotated(
                {
                    "id": endpoint.pk,
                    "secret": secret,
                    "previous_secret_until": endpoint.previous_secret_until,
                }
            ).data,
            headers=SECRET_SHOWN,
        )
