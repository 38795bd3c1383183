from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from . import feeds, root, views

app_name = "api"

urlpatterns = [
    path("", root.ApiRootView.as_view(), name="root"),
    path("processes/", views.ProcessListView.as_view(), name="process-list"),
    path("processes/<str:ref>/", views.ProcessDetailView.as_view(), name="process-detail"),
    path("processes/<str:ref>/events/", views.ProcessEventsView.as_view(), name="process-events"),
    path("processes/<str:ref>/status/", views.ProcessStatusView.as_view(), name="process-status"),
    path("status-changes/", feeds.StatusChangeFeedView.as_view(), name="status-changes"),
    path("events/", feeds.EventFeedView.as_view(), name="event-feed"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/<str:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("causes/", views.CauseTaxonomyView.as_view(), name="causes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
