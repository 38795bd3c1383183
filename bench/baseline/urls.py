from django.urls import path

from . import views

urlpatterns = [path("processes/<slug:slug>/events/", views.RecordEventView.as_view())]
