from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samhandlingsmodell import views as model_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("sok/", model_views.search, name="search"),
    # Login keeps the addresses it had inside the stafettlogg (/stafettlogg/logg-inn/...).
    path("stafettlogg/", include("accounts.urls")),
    path("stafettlogg/", include("stafettlogg.urls")),
    # The municipality's statistics and the anonymous registration (ADR 017).
    path("statistikk/", include("stats.urls")),
    # The national advisers (Bufdir, KORUS) on the national host.
    path("tilskudd/", include("grants.urls")),
    path("", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
handler403 = "core.views.permission_denied"
