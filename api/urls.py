from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import path

from . import agreements, feeds, reference, root, views
from .documentation import RedocView, SchemaView, SwaggerView

app_name = "api"

urlpatterns = [
    path("", root.ApiRootView.as_view(), name="root"),
    path("processes/", views.ProcessListView.as_view(), name="process-list"),
    path("processes/<str:ref>/", views.ProcessDetailView.as_view(), name="process-detail"),
    path("processes/<str:ref>/events/", views.ProcessEventsView.as_view(), name="process-events"),
    path("processes/<str:ref>/status/", views.ProcessStatusView.as_view(), name="process-status"),
    path(
        "processes/<str:ref>/agreements/",
        agreements.ProcessAgreementListView.as_view(),
        name="process-agreements",
    ),
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement-list"),
    path("status-changes/", feeds.StatusChangeFeedView.as_view(), name="status-changes"),
    path("events/", feeds.EventFeedView.as_view(), name="event-feed"),
    path("actors/", reference.ActorListView.as_view(), name="actor-list"),
    path("actors/<str:slug>/", reference.ActorDetailView.as_view(), name="actor-detail"),
    path("causes/", reference.CauseTaxonomyView.as_view(), name="causes"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The Swagger UI's init script is a file of its own (?script), for the strict CSP.
    path(
        "docs/",
        SwaggerView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    # Redoc writes its styles into <style> elements as it renders, which no nonce can cover:
    # its page alone allows inline styles (scripts stay this origin's only).
    path(
        "redoc/",
        csp_replace({"style-src": [SELF, UNSAFE_INLINE]})(
            RedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
]
