from django.contrib import admin
from django.urls import include, path

from negotiations.ops.metrics import healthz_view, metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/webhooks/", include("negotiations.webhooks.urls")),
    path("api/v1/", include("api.urls", namespace="api")),
    path("digests/", include("negotiations.digests.urls")),
    path("healthz", healthz_view, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    # About the tracker: links to the admin, the API docs and root.
    path("about/", include("landing.urls")),
    # The public board.
    path("", include("board.urls")),
]
