from django.urls import include, path

from tracker.urls import urlpatterns as tracker_urls

urlpatterns = [*tracker_urls, path("baseline/", include("bench.baseline.urls"))]
