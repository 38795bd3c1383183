from django.urls import path

from . import api

app_name = "webhooks"

urlpatterns = [
    path("", api.EndpointListView.as_view(), name="endpoint-list"),
    path("<str:pk>/", api.EndpointDetailView.as_view(), name="endpoint-detail"),
    path("<str:pk>/redeliver/", api.RedeliverView.as_view(), name="endpoint-redeliver"),
    path("<str:pk>/rotate-secret/", api.RotateSecretView.as_view(), name="endpoint-rotate-secret"),
]
