"""`/api/v1/`: the API root, listing its endpoints with absolute links."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

ENDPOINTS = {
    "processes": "api:process-list",
    "agreements": "api:agreement-list",
    "status_changes": "api:status-changes",
    "events": "api:event-feed",
    "actors": "api:actor-list",
    "causes": "api:causes",
    "webhooks": "webhooks:endpoint-list",  # an editor's own endpoints
    "schema": "api:schema",
    "docs": "api:docs",
    "redoc": "api:redoc",
}


class ApiRootView(APIView):
    """The endpoints of this API."""

    @extend_schema(
        responses={
            200: inline_serializer("ApiRoot", {name: serializers.URLField() for name in ENDPOINTS})
        }
    )
    def get(self, request):
        """Every endpoint of the API, by name."""
        return Response({name: reverse(url, request=request) for name, url in ENDPOINTS.items()})
