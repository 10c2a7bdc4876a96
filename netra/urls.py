from django.contrib import admin
from django.urls import include, path

from netra.api import api

urlpatterns = [
    path("", include("netra.core.urls")),
    path("akun/", include("netra.accounts.urls")),
    path("wilayah/", include("netra.regions.urls")),
    path("registri/", include("netra.registry.urls")),
    path("pemilihan/", include("netra.elections.urls")),
    path("kasus/", include("netra.cases.urls")),
    path("lapor/", include("netra.cases.public_urls")),
    path("notifikasi/", include("netra.notifications.urls")),
    path("", include("netra.prevention.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
