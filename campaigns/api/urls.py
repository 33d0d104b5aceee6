"""``/api/campaigns/v1/``: the resources, the OpenAPI schema and its Swagger UI."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import errors, images, views

app_name = "campaigns_api"

router = SimpleRouter()
router.register("accounts", views.SocialAccountViewSet, basename="account")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("posts", views.PostViewSet, basename="post")
router.register("deliveries", views.DeliveryViewSet, basename="delivery")
router.register("images", images.ImageViewSet, basename="image")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="campaigns_api:schema"),
        name="docs",
    ),
    *router.urls,
    # Anything else under the API (ending in "/", so APPEND_SLASH still redirects
    # "/posts" to "/posts/"): a JSON 404 in Indonesian, not the site's HTML page.
    re_path(r"^.*/$", errors.unknown_path),
]
