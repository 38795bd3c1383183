from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/webhooks/", include("negotiations.webhooks.urls")),
    path("api/v1/", include("api.urls", namespace="api")),
    path("digests/", include("negotiations.digests.urls")),
    path("", include("board.urls")),
]
