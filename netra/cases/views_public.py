"""Pages for the public: file a report, see the code and PIN once, track and add to it.

No login. The reporter proves ownership with the tracking code + PIN; once checked,
the session remembers that case for a short while so the status page and the
add-information form need no PIN in the page. Wrong code and wrong PIN give the same
answer, so nobody learns whether a code exists. Every POST is throttled per IP.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from . import evidence
from .forms_public import AddInformationForm, PublicReportForm, TrackingForm
from .models import Case, CaseNote, NoteKind, State
from .public_services import PublicReport, add_public_information, file_public_report, receipt_for
from .receipts import build_receipt_pdf
from .selectors import case_for_tracking, public_status_history
from .services import CaseError
from .tracking import format_tracking_code, normalize_tracking_code

# Session keys: the case the reporter has opened, and the code + PIN to show once.
TRACKED = "netra_tracked_case"
JUST_FILED = "netra_just_filed"
TRACKING_MINUTES = 30

# What each state means for the reporter, in plain words (no handler names).
PLAIN_STATES: dict[str, Any] = {
    State.DITERIMA: gettext_lazy("Laporan Anda sudah kami terima."),
    State.VERIFIKASI_FORMAL: gettext_lazy("Kelengkapan laporan sedang diperiksa."),
    State.VERIFIKASI_MATERIIL: gettext_lazy("Isi laporan sedang diperiksa."),
    State.TEREGISTRASI: gettext_lazy("Laporan dicatat sebagai perkara."),
    State.KLARIFIKASI: gettext_lazy("Pihak-pihak yang terkait dimintai keterangan."),
    State.KAJIAN: gettext_lazy("Perkara sedang dikaji."),
    State.PUTUSAN: gettext_lazy("Perkara sudah diputus."),
    State.REKOMENDASI: gettext_lazy("Rekomendasi sudah dikirim ke pejabat yang berwenang."),
    State.TINDAK_LANJUT: gettext_lazy("Pejabat yang berwenang sedang menindaklanjuti."),
    State.SELESAI: gettext_lazy("Penanganan laporan selesai."),
    State.DIGABUNG: gettext_lazy(
        "Laporan digabung dengan laporan lain tentang kejadian yang sama."
    ),
    State.DITOLAK: gettext_lazy("Laporan tidak dapat ditindaklanjuti."),
}


def _rate(name: str, default: str) -> str:
    return str(getattr(settings, name, default))


def _limited(request: HttpRequest, group: str, rate: str, key: Any = "ip") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = render(request, "cases/public/too_many.html", status=429)
    response["Retry-After"] = "3600"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    """The public report form (no login)."""
    if request.method == "POST":
        # Every attempt counts against a loose limit; only reports that pass validation
        # count against the strict one, so a person fixing typos is not locked out.
        if _limited(request, "lapor-coba", _rate("NETRA_RATE_PUBLIC_ATTEMPTS", "30/h")):
            return too_many_requests(request)
        form = PublicReportForm(request.POST, request.FILES)
        valid = form.is_valid()
        if form.is_bot():
            return HttpResponseBadRequest(_("Laporan tidak dapat diterima. Muat ulang formulir."))
        if valid:
            if _limited(request, "lapor", _rate("NETRA_RATE_PUBLIC_REPORT", "5/h")):
                return too_many_requests(request)
            filed = _file(form)
            if filed is not None:
                request.session.cycle_key()
                request.session[JUST_FILED] = {"code": filed.tracking_code, "pin": filed.pin}
                _remember(request, filed.case)
                return redirect("lapor:done")
    else:
        form = PublicReportForm()
    return render(request, "cases/public/report_form.html", {"form": form})


def _file(form: PublicReportForm) -> Any:
    data = form.cleaned_data
    region = form.region
    assert region is not None
    report = PublicReport(
        identity_mode=data["identity_mode"],
        subject_text=data["subject_text"],
        region=region,
        place=data["place"],
        occurred_on=data["occurred_on"],
        known_on=data["known_on"],
        summary=data["summary"],
        reported_form=data["reported_form"],
        links=data["links"],
        reporter_name=data["reporter_name"],
        reporter_phone=data["reporter_phone"],
        reporter_email=data["reporter_email"],
        reporter_address=data["reporter_address"],
    )
    try:
        return file_public_report(report=report, files=data["attachments"])
    except evidence.EvidenceRejected as exc:
        form.add_error("attachments", exc.message)
    except CaseError as exc:
        form.add_error(None, exc.message)
    return None


def _remember(request: HttpRequest, case: Case) -> None:
    request.session[TRACKED] = {"case": case.pk, "at": time.time()}


def _tracked_case(request: HttpRequest) -> Case | None:
    entry = request.session.get(TRACKED)
    if not entry or time.time() - float(entry.get("at", 0)) > TRACKING_MINUTES * 60:
        request.session.pop(TRACKED, None)
        return None
    case = Case.objects.select_related("report", "region", "reported_form").filter(pk=entry["case"])
    return case.first()


@never_cache
def report_done(request: HttpRequest) -> HttpResponse:
    """The tracking code and PIN, shown once: reloading shows only the code."""
    case = _tracked_case(request)
    if case is None:
        return redirect("lapor:track")
    just_filed = request.session.pop(JUST_FILED, None)
    context = {
        "case": case,
        "code": format_tracking_code(case.report.tracking_code),
        "pin": just_filed["pin"] if just_filed else None,
        "evidence": case.evidence.filter(from_reporter=True).order_by("pk"),
    }
    return render(request, "cases/public/report_done.html", context)


def tracking_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("lapor:track")) + f"?kode={code}"


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt PDF of the case opened in this session."""
    case = _tracked_case(request)
    if case is None:
        return redirect("lapor:track")
    code = case.report.tracking_code
    pdf = build_receipt_pdf(receipt_for(case, tracking_url=tracking_url(request, code)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{code}.pdf"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Code + PIN → the status page; a wrong pair never says which part was wrong."""
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if _limited(request, "lacak", _rate("NETRA_RATE_TRACKING", "20/h")):
            return too_many_requests(request)
        if form.is_valid():
            code = normalize_tracking_code(form.cleaned_data["code"])
            if _limited(
                request,
                "lacak-kode",
                _rate("NETRA_RATE_TRACKING_CODE", "10/h"),
                key=lambda group, req: code,
            ):
                return too_many_requests(request)
            case = case_for_tracking(code, form.cleaned_data["pin"])
            if case is not None:
                request.session.cycle_key()
                _remember(request, case)
                return redirect("lapor:status")
            form.add_error(None, _("Kode pelacakan atau PIN salah."))
    else:
        form = TrackingForm(initial={"code": request.GET.get("kode", "")[:20]})
    return render(request, "cases/public/track.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """Status history in plain words and a form to add information or files."""
    case = _tracked_case(request)
    if case is None:
        messages.info(request, _("Masukkan kode pelacakan dan PIN untuk melihat laporan."))
        return redirect("lapor:track")
    form = AddInformationForm()
    if request.method == "POST":
        if _limited(request, "lapor-tambah", _rate("NETRA_RATE_PUBLIC_ADD", "10/h")):
            return too_many_requests(request)
        form = AddInformationForm(request.POST, request.FILES)
        valid = form.is_valid()
        if form.is_bot():
            return HttpResponseBadRequest(_("Keterangan tidak dapat diterima. Muat ulang halaman."))
        if valid:
            try:
                add_public_information(
                    case=case,
                    text=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except evidence.EvidenceRejected as exc:
                form.add_error("attachments", exc.message)
            except CaseError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Terima kasih, keterangan Anda sudah diterima."))
                return redirect("lapor:status")
    history = [
        {
            "label": s.label,
            "plain": PLAIN_STATES.get(s.state, ""),
            "at": s.changed_at,
            "state": s.state,
        }
        for s in public_status_history(case)
    ]
    requests_for_info = CaseNote.objects.filter(case=case, kind=NoteKind.MINTA_INFO).order_by(
        "created_at"
    )
    context = {
        "case": case,
        "code": format_tracking_code(case.report.tracking_code),
        "history": history,
        "requests_for_info": requests_for_info,
        "form": form if case.is_open else None,
    }
    return render(request, "cases/public/status.html", context)


@require_POST
def track_end(request: HttpRequest) -> HttpResponse:
    """Forget the opened report on this device (a shared phone)."""
    request.session.pop(TRACKED, None)
    request.session.pop(JUST_FILED, None)
    return redirect("lapor:track")
