from django.urls import path

from . import import_views, views

app_name = "registry"
urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/<slug:code>/", views.unit_detail, name="unit_detail"),
    path("asn/", views.asn_list, name="asn_list"),
    path("asn/<str:nip>/", views.asn_detail, name="asn_detail"),
    path("akun-saya/", views.my_accounts, name="my_accounts"),
    path("akun-saya/<int:pk>/hapus/", views.my_account_withdraw, name="my_account_withdraw"),
    path("impor/", import_views.import_page, name="import"),
    path("impor/terapkan/", import_views.import_apply, name="import_apply"),
    path(
        "impor/<str:sha256>/<str:kind>/galat.csv",
        import_views.import_errors,
        name="import_errors",
    ),
    path(
        "impor/templat/<str:kind>.<str:fmt>",
        import_views.import_template,
        name="import_template",
    ),
]
