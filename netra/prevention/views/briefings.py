"""Pages for briefings (sosialisasi): list, create, QR screen, upload, quiz."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from netra.accounts.scoping import region_filter, scope_of
from netra.core.documents import qr_png
from netra.elections.selectors import elections_visible_to
from netra.regions.models import Region
from netra.registry.models import Unit

from ..forms import AttendanceUploadForm, BriefingForm, QuizForm
from ..models import Attendance, Briefing
from ..permissions import asn_of, can_organise_briefing, is_organiser
from ..selectors import briefing_coverage_by_unit, briefings_visible_to, quiz_results
from ..services import AttendanceImportRejected, create_briefing, import_attendance, submit_quiz
from .common import add_errors


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    briefings = briefings_visible_to(request.user).annotate(attendees=Count("attendances"))
    elections = elections_visible_to(request.user).filter(briefings__isnull=False).distinct()
    coverage = [(e, briefing_coverage_by_unit(e, request.user)) for e in elections]
    context = {
        "briefings": briefings,
        "coverage": coverage if is_organiser(request.user) else [],
        "can_create": is_organiser(request.user),
    }
    return render(request, "prevention/briefing_list.html", context)


def _organiser_region(request: HttpRequest) -> Region | None:
    """Where the user organises: their first regional assignment (admins: the election's)."""
    scope = scope_of(request.user)
    if scope.regions:
        return scope.regions[0]
    election = elections_visible_to(request.user).filter(region__isnull=False).first()
    return election.region if election is not None else None


@login_required
def briefing_create(request: HttpRequest) -> HttpResponse:
    region = _organiser_region(request)
    if region is None or not can_organise_briefing(request.user, region):
        raise PermissionDenied(_("Anda tidak berwenang menyelenggarakan sosialisasi."))
    units = Unit.objects.filter(region_filter(request.user, "region__code"), is_active=True)
    form = BriefingForm(
        request.POST or None,
        elections=elections_visible_to(request.user),
        units=units.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            briefing = create_briefing(
                actor=request.user,
                election=data["election"],
                region=region,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                speaker=data["speaker"],
                material=data["material"],
                units=data["units"],
                quiz_size=data["quiz_size"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Sesi sosialisasi dibuat."))
            return redirect("prevention:briefing_detail", pk=briefing.pk)
    return render(request, "prevention/briefing_form.html", {"form": form, "region": region})


def _visible_briefing(request: HttpRequest, pk: int) -> Briefing:
    return get_object_or_404(briefings_visible_to(request.user), pk=pk)


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _visible_briefing(request, pk)
    manage = can_organise_briefing(request.user, briefing.region)
    asn = asn_of(request.user)
    context = {
        "briefing": briefing,
        "units": briefing.units.all(),
        "manage": manage,
        "upload_form": AttendanceUploadForm() if manage else None,
        "attendances": (
            briefing.attendances.select_related("asn", "asn__unit")[:500] if manage else []
        ),
        "attendee_count": briefing.attendances.count(),
        "results": quiz_results(briefing) if manage else [],
        "attended": asn is not None
        and Attendance.objects.filter(briefing=briefing, asn=asn).exists(),
        "attempt": briefing.attempts.filter(asn=asn).first() if asn is not None else None,
    }
    return render(request, "prevention/briefing_detail.html", context)


@login_required
def briefing_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The screen the speaker shows: a big QR and the code to type."""
    briefing = _visible_briefing(request, pk)
    if not can_organise_briefing(request.user, briefing.region):
        raise PermissionDenied
    url = request.build_absolute_uri(
        reverse("prevention:checkin_scanned", args=[briefing.checkin_code])
    )
    data_uri = "data:image/png;base64," + base64.b64encode(qr_png(url, box_size=8)).decode("ascii")
    return render(
        request,
        "prevention/briefing_qr.html",
        {"briefing": briefing, "qr": data_uri, "url": url},
    )


@login_required
def briefing_upload(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _visible_briefing(request, pk)
    form = AttendanceUploadForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_attendance(
                actor=request.user, briefing=briefing, data=upload.read(), source_name=upload.name
            )
        except AttendanceImportRejected as exc:
            errors = exc.result.errors
        else:
            messages.success(
                request,
                _("%(added)s kehadiran ditambahkan, %(already)s sudah tercatat sebelumnya.")
                % {"added": result.added, "already": result.already},
            )
            return redirect("prevention:briefing_detail", pk=pk)
    return render(
        request,
        "prevention/briefing_upload.html",
        {"briefing": briefing, "form": form, "errors": errors},
    )


@login_required
def briefing_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _visible_briefing(request, pk)
    questions = list(briefing.questions.all())
    if not questions:
        raise Http404(_("Sesi ini tidak memiliki kuis."))
    asn = asn_of(request.user)
    attempt = briefing.attempts.filter(asn=asn).first() if asn is not None else None
    form = QuizForm(request.POST or None, questions=questions)
    if attempt is None and request.method == "POST" and form.is_valid():
        try:
            attempt = submit_quiz(actor=request.user, briefing=briefing, answers=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    context = {"briefing": briefing, "form": form, "attempt": attempt, "questions": questions}
    return render(request, "prevention/briefing_quiz.html", context)
