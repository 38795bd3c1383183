from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from negotiations.admin.changelists import check_every_list
from negotiations.ops.metrics import healthz_view, metrics_view
from tracker.i18n import choose_language

# A page not found, in the reader's language (tracker/errors.py), and a bad request (a Host
# this tracker does not serve) in the API's shape under /api/; 403 and 500 are Django's own
# handlers with the board's templates.
handler404 = "tracker.errors.not_found"
handler400 = "tracker.errors.bad_request"

# The admin's header and its pages' titles name the tracker (not "Django administration").
admin.site.site_header = admin.site.site_title = gettext_lazy("Negotiation tracker")
# A lookup the database cannot take is a wrong lookup on every list, Django's and the
# libraries' included, never a 500 (negotiations/admin/changelists.py).
check_every_list(admin.site)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/webhooks/", include("negotiations.webhooks.urls")),
    path("api/v1/", include("api.urls", namespace="api")),
    path("digests/", include("negotiations.digests.urls")),
    path("healthz", healthz_view, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("language/<str:code>/", choose_language, name="choose-language"),
]
# The pages a reader reads, in each language under its prefix (`/fr/about/`); English, the
# source language, unprefixed as before (tracker/i18n.py).
urlpatterns += i18n_patterns(
    # About the tracker: links to the admin, the API docs and root.
    path("about/", include("landing.urls")),
    # The public board.
    path("", include("board.urls")),
    prefix_default_language=False,
)
