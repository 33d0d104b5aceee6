import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from home import page_passwords
from home import views as home_views
from home.sitemaps import SITEMAPS
from insights.tracking import views as tracking_views
from publications import chooser as page_chooser
from publications.api import api_router
from publications.feeds import PublicationAtomFeed, PublicationFeed, SiteAtomFeed, SiteFeed

urlpatterns = [
    # Tracked short links in posts, and the page-view beacon (insights/tracking): first, as
    # the busiest and cheapest routes.
    path("l/<str:code>", tracking_views.follow_link, name="tracked_link"),
    path("l/<str:code>/", tracking_views.follow_link),
    path("v/<int:page_id>", tracking_views.page_view, name="page_view_beacon"),
    path("v/<int:page_id>/", tracking_views.page_view),
    # Wagtail's page chooser answer, limited to the pages the user may see (before Wagtail's).
    path("admin/choose-page/chosen-multiple/", page_chooser.chosen_multiple),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "images/<str:signature>/<int:image_id>/<str:filter_spec>/",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
    path("api/v2/", api_router.urls),
    path("api/campaigns/v1/", include("campaigns.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("rss/", SiteFeed(), name="feed_site"),
    path("rss/<slug:slug>/", PublicationFeed(), name="feed_publication"),
    path("atom/", SiteAtomFeed(), name="feed_site_atom"),
    path("atom/<slug:slug>/", PublicationAtomFeed(), name="feed_publication_atom"),
    path("cari/", home_views.search, name="search"),
    path("program/<slug:slug>/", home_views.programme_topic, name="topic_programme"),
    path("pilar/<slug:slug>/", home_views.pillar_topic, name="topic_pillar"),
    path("penulis/<slug:slug>/", home_views.author_topic, name="topic_author"),
    path("arsip/<int:year>/", home_views.archive, name="archive_year"),
    path("arsip/<int:year>/<int:month>/", home_views.archive, name="archive_month"),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

GUARDED_ROUTE = "wagtailcore_authenticate_with_password"
urlpatterns += [
    # Wagtail's page-password form, throttled per client and restriction (home.page_passwords)…
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_with_password,
        name=GUARDED_ROUTE,
    ),
    # …Wagtail's other front-end routes (the log-in form for restricted pages)…
    *(
        route
        for route in wagtail_urls.urlpatterns
        if route.name not in ("wagtail_serve", GUARDED_ROUTE)
    ),
    # …and its page serving, with the request's site found from the cache (core.sites).
    re_path(wagtail_urls.serve_pattern, home_views.serve_page, name="wagtail_serve"),
]
