"""Public pages (no login): the guide, document verification and session check-in."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from ..codes import format_code, normalize_code
from ..forms import CheckInForm
from ..guide import search_guide
from ..models import Briefing
from ..permissions import asn_of
from ..selectors import verify_code
from ..services import check_in_by_nip, check_in_self, checkin_open
from .common import add_errors, too_many


def guide(request: HttpRequest) -> HttpResponse:
    """Boleh / tidak boleh for ASN, searchable; htmx asks for the results only."""
    query = request.GET.get("q", "").strip()
    allowed, forbidden = search_guide(query)
    context = {
        "query": query,
        "allowed": allowed,
        "forbidden": forbidden,
        "count": len(allowed) + len(forbidden),
    }
    template = (
        "prevention/_guide_results.html"
        if getattr(request, "htmx", False)
        else "prevention/guide.html"
    )
    return render(request, template, context)


@ratelimit(key="ip", rate="30/m", block=False)
def verify(request: HttpRequest) -> HttpResponse:
    """Check a verification code: minimal data for a valid one, "tidak valid" otherwise."""
    raw = request.GET.get("kode", "").strip()
    if raw and getattr(request, "limited", False):
        return too_many(request)
    result = verify_code(raw) if raw else None
    code = normalize_code(raw)
    context = {
        "raw": raw,
        "code": format_code(code) if len(code) == 12 else raw,
        "result": result,
    }
    return render(request, "prevention/verify.html", context, status=200)


@ratelimit(key="ip", rate="20/m", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def check_in_form(request: HttpRequest) -> HttpResponse:
    """Check in with the session code and a NIP (for attendees without a login)."""
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("kode", "")})
    done = None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many(request)
        if form.is_valid():
            try:
                attendance, created = check_in_by_nip(
                    actor=request.user if request.user.is_authenticated else None,
                    code=form.cleaned_data["code"],
                    nip=form.cleaned_data["nip"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                done = {"attendance": attendance, "created": created}
    code = request.GET.get("kode", "").strip().upper()
    scanned = Briefing.objects.filter(checkin_code=code).first() if code else None
    login_next = (
        reverse("prevention:checkin_scanned", args=[scanned.checkin_code])
        if scanned is not None
        else request.get_full_path()
    )
    context = {"form": form, "done": done, "login_next": login_next}
    return render(request, "prevention/checkin.html", context)


@require_http_methods(["GET", "POST"])
def check_in_scanned(request: HttpRequest, code: str) -> HttpResponse:
    """Where the session QR leads: one tap for a logged-in ASN, else the NIP form."""
    briefing = get_object_or_404(Briefing, checkin_code=code.upper())
    if asn_of(request.user) is None:
        return redirect(f"{reverse('prevention:checkin')}?kode={briefing.checkin_code}")
    done = None
    error = ""
    if request.method == "POST":
        try:
            attendance, created = check_in_self(actor=request.user, briefing=briefing)
        except (ValidationError, PermissionDenied) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
        else:
            done = {"attendance": attendance, "created": created}
    context = {
        "briefing": briefing,
        "done": done,
        "error": error,
        "open": checkin_open(briefing),
        "title": _("Presensi sosialisasi"),
    }
    return render(request, "prevention/checkin_scanned.html", context)
