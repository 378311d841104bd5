from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from community.sitemaps import QuestionSitemap

from . import views

# Wagtail's pages plus community questions in one sitemap.xml.
SITEMAPS = {"wagtail": WagtailSitemap, "questions": QuestionSitemap}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("search.api_urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler500 = "vraagbaak.views.server_error"

# Every page a visitor reads carries its language in the URL: /nl/… and /en/….
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path(_("privacy/"), views.privacy, name="privacy"),
    path(_("cookies/"), views.cookies, name="cookies"),
    path("", include("kb.urls")),
    path("", include("gamification.urls")),
    path("", include("community.urls")),
    path("", include("search.urls")),
    path("", include("support.urls")),
    # Wagtail serves everything not matched above; it must come last.
    path("", include(wagtail_urls)),
)
