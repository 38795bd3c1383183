from django.urls import path

from . import api

app_name = "webhooks"

urlpatterns = [
    path("", api.EndpointListView.as_view(), name="endpoint-list"),
    path("<uuid:pk>/", api.EndpointDetailView.as_view(), name="endpoint-detail"),
    path("<uuid:pk>/redeliver/", api.RedeliverView.as_view(), name="endpoint-redeliver"),
]
