"""URL map: admin, the apps' own views (search, feeds, exports), then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views

from base.throttling import password_view
from home import views as home_views
from home.health import healthz

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's page and collection password forms, counted by django-axes like logins.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        password_view(wagtail_views.authenticate_with_password, "trang"),
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_view(document_views.authenticate_with_password, "bo-suu-tap"),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    # Each domain app keeps its non-page views (feeds, exports, search) in its own urls.py,
    # with full paths, so that they stay beside the code that serves them.
    path("", include("search.urls")),
    path("", include("procedures_catalog.urls")),
    path("", include("legal_documents.urls")),
    path("", include("news.urls")),
    path("", include("inspections.urls")),
    path("", include("reform_statistics.urls")),
    path("", include("api.urls")),
    path("", include("feedback.urls")),
    path("", include("alerts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "base.views.bad_request_handler"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
