from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("asn/", views.asn_list, name="asn_list"),
    path("asn/<str:nip>/", views.asn_detail, name="asn_detail"),
]
