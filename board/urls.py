"""The board takes `/` and the public pages and feeds under it (see the design's "Public
board, feeds and webhooks")."""

from django.urls import path

from . import agreement_feed, agreements, feeds, views
from .login import reader_login, reader_logout

app_name = "board"

urlpatterns = [
    path("", views.process_list, name="process-list"),
    path("processes/<slug:slug>/", views.process_page, name="process-page"),
    path("processes/<slug:slug>/feed.atom", feeds.status_changes_atom, name="process-feed"),
    path("processes/<slug:slug>/calendar.ics", feeds.calendar, name="process-calendar"),
    path("feeds/status-changes.atom", feeds.status_changes_atom, name="status-changes-feed"),
    path("calendar.ics", feeds.calendar, name="calendar"),
    path("agreements/", agreements.agreements_page, name="agreements"),
    path("feeds/agreements.atom", agreement_feed.agreements_atom, name="agreements-feed"),
    path(
        "processes/<slug:slug>/agreements.atom",
        agreement_feed.agreements_atom,
        name="process-agreements-feed",
    ),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("login/", reader_login, name="login"),
    path("logout/", reader_logout, name="logout"),
]
