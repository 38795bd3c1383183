from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls", namespace="api")),
    path("digests/", include("negotiations.digests.urls")),
    # The landing page; a public board may take `/` over (replace this line).
    path("", include("landing.urls")),
]
