"""Public pages (no login), mounted at ``lapor/``."""

from django.urls import path

from . import views_public

app_name = "lapor"
urlpatterns = [
    path("", views_public.report_form, name="report"),
    path("terkirim/", views_public.report_done, name="done"),
    path("tanda-terima.pdf", views_public.receipt, name="receipt"),
    path("lacak/", views_public.track, name="track"),
    path("lacak/status/", views_public.status, name="status"),
    path("lacak/selesai/", views_public.track_end, name="track_end"),
]
