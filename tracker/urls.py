from django.contrib import admin
from django.urls import include, path

from negotiations.metrics import healthz_view, metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls", namespace="api")),
    path("digests/", include("negotiations.digests.urls")),
    path("healthz", healthz_view, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    # The landing page; a public board may take `/` over (replace this line).
    path("", include("landing.urls")),
]
