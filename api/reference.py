"""The API's reference data: the actor registry and the taxonomy of stated causes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from negotiations.read import selectors
from negotiations.write.commit import atomic_unit_of_work

from .filters import ActorFilter
from .representations import ActorSerializer


class ActorListView(generics.ListCreateAPIView):
    queryset = selectors.actors()
    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def perform_create(self, serializer):
        with atomic_unit_of_work():  # a failure at its commit: 503 outcome_unknown
            actor = serializer.save()
        request: Any = self.request  # DRF's Request, holding what the view adds to it
        request.recorded = actor  # a failure from here on: stored (`api.errors`)


class ActorDetailView(generics.RetrieveAPIView):
    queryset = selectors.actors()
    serializer_class = ActorSerializer
    lookup_field = "slug"


class CauseTaxonomyView(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "CauseCategory",
                {"category": serializers.CharField(), "label": serializers.CharField()},
                many=True,
            )
        }
    )
    def get(self, request):
        """The fixed taxonomy of stated causes."""
        return Response([{"category": k, "label": v} for k, v in CAUSE_CATEGORIES.items()])
