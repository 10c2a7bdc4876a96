"""Officers' case pages, mounted at ``kasus/``."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/pindah/<slug:to_state>/", views.case_transition, name="transition"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
    path("tenggat/", views.deadlines_page, name="deadlines"),
    path("temuan/baru/", views.finding_create, name="finding_create"),
]
