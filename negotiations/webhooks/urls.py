from rest_framework.routers import SimpleRouter

from . import api

app_name = "webhooks"

# endpoint-list, endpoint-detail, endpoint-redeliver and endpoint-rotate-secret
router = SimpleRouter()
router.register("", api.EndpointViewSet, basename="endpoint")
urlpatterns = router.urls
