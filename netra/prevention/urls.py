from django.urls import path

from .views import briefings, closeout, hub, pacts, public

app_name = "prevention"
urlpatterns = [
    # Public (no login).
    path("panduan/", public.guide, name="guide"),
    path("verifikasi/", public.verify, name="verify"),
    path("hadir/", public.check_in_form, name="checkin"),
    path("hadir/<str:code>/", public.check_in_scanned, name="checkin_scanned"),
    # Officers and ASN.
    path("pencegahan/", hub.home, name="home"),
    path("pencegahan/pakta/", pacts.pact_list, name="pact_list"),
    path("pencegahan/pakta/saya/", pacts.my_pacts, name="my_pacts"),
    path("pencegahan/pakta/<int:pk>/", pacts.pact_detail, name="pact_detail"),
    path("pencegahan/pakta/<int:pk>/cakupan/", pacts.pact_coverage, name="pact_coverage"),
    path("pencegahan/pakta/<int:pk>/tanda-tangan/", pacts.pact_sign, name="pact_sign"),
    path("pencegahan/pakta/<int:pk>/pengingat/", pacts.pact_remind, name="pact_remind"),
    path("pencegahan/tanda-tangan/<int:pk>.pdf", pacts.signature_pdf, name="signature_pdf"),
    path("pencegahan/sosialisasi/", briefings.briefing_list, name="briefing_list"),
    path("pencegahan/sosialisasi/baru/", briefings.briefing_create, name="briefing_create"),
    path("pencegahan/sosialisasi/<int:pk>/", briefings.briefing_detail, name="briefing_detail"),
    path("pencegahan/sosialisasi/<int:pk>/qr/", briefings.briefing_qr, name="briefing_qr"),
    path(
        "pencegahan/sosialisasi/<int:pk>/unggah/",
        briefings.briefing_upload,
        name="briefing_upload",
    ),
    path("pencegahan/sosialisasi/<int:pk>/kuis/", briefings.briefing_quiz, name="briefing_quiz"),
    path("pencegahan/nihil/", closeout.close_out_home, name="close_out_home"),
    path("pencegahan/nihil/<slug:slug>/", closeout.close_out_city, name="close_out_city"),
    path(
        "pencegahan/nihil/<slug:slug>/tanda-tangan/",
        closeout.close_out_sign,
        name="close_out_sign",
    ),
    path(
        "pencegahan/nihil/<slug:slug>/pernyataan-kota.pdf",
        closeout.close_out_city_pdf,
        name="close_out_city_pdf",
    ),
    path("pencegahan/pernyataan/<int:pk>.pdf", closeout.close_out_pdf_view, name="close_out_pdf"),
]
