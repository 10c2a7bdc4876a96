"""Pages for integrity pacts: list/open, coverage, reminders, signing, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.accounts.scoping import region_filter
from netra.elections.selectors import elections_visible_to
from netra.regions.models import Level, Region
from netra.registry.models import Unit

from ..forms import OpenPactForm, ReminderForm, SignPactForm
from ..models import Pact, PactSignature
from ..pdf import pact_pdf
from ..permissions import asn_of, can_open_pact, is_organiser
from ..selectors import (
    latest_reminder_for,
    pact_coverage_by_kecamatan,
    pact_coverage_by_unit,
    pact_coverage_total,
    pacts_for_signer,
    pacts_visible_to,
    unsigned_asn,
)
from ..services import open_pact, render_pact_text, send_pact_reminders, sign_pact
from .common import add_errors, pdf_response, verify_url


@login_required
def pact_list(request: HttpRequest) -> HttpResponse:
    """Pacts in the user's area with their coverage; the Inspektorat opens new ones."""
    elections = elections_visible_to(request.user).filter(region__isnull=False)
    openable = [e.pk for e in elections if e.region and can_open_pact(request.user, e.region)]
    form = OpenPactForm(request.POST or None, elections=elections.filter(pk__in=openable))
    if request.method == "POST" and form.is_valid():
        try:
            pact = open_pact(
                actor=request.user,
                election=form.cleaned_data["election"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pakta dibuka; ASN kini dapat menandatangani."))
            return redirect("prevention:pact_detail", pk=pact.pk)
    rows = [(p, pact_coverage_total(p, request.user)) for p in pacts_visible_to(request.user)]
    context = {"rows": rows, "form": form if openable else None}
    return render(request, "prevention/pact_list.html", context)


def _reminder_targets(request: HttpRequest) -> tuple[QuerySet[Unit], QuerySet[Region]]:
    """Units and kecamatan inside the user's own regions (where they may remind)."""
    units = Unit.objects.filter(region_filter(request.user, "region__code"), is_active=True)
    regions = Region.objects.filter(region_filter(request.user, "code"), level=Level.KECAMATAN)
    return units.order_by("name"), regions


def _visible_pact(request: HttpRequest, pk: int) -> Pact:
    return get_object_or_404(pacts_visible_to(request.user), pk=pk)


def _coverage_context(request: HttpRequest, pact: Pact) -> dict[str, object]:
    return {
        "pact": pact,
        "total": pact_coverage_total(pact, request.user),
        "kecamatan": pact_coverage_by_kecamatan(pact, request.user),
        "units": pact_coverage_by_unit(pact, request.user),
    }


@login_required
def pact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Coverage per kecamatan and per unit (refreshing itself), and reminders."""
    pact = _visible_pact(request, pk)
    context = _coverage_context(request, pact)
    units, regions = _reminder_targets(request)
    if is_organiser(request.user):
        context["reminder_form"] = ReminderForm(units=units, regions=regions)
    context["reminders"] = pact.reminders.select_related("unit", "region")[:10]
    lagging = request.GET.get("unit")  # list who has not signed in one unit
    if lagging:
        unit = units.filter(code=lagging).first()
        if unit is not None:
            context["lagging_unit"] = unit
            context["unsigned"] = unsigned_asn(pact, request.user, unit)[:200]
    return render(request, "prevention/pact_detail.html", context)


@login_required
def pact_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    """The coverage tables alone, polled by the detail page so they stay live."""
    pact = _visible_pact(request, pk)
    return render(request, "prevention/_coverage.html", _coverage_context(request, pact))


@login_required
@require_POST
def pact_remind(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _visible_pact(request, pk)
    units, regions = _reminder_targets(request)
    form = ReminderForm(request.POST, units=units, regions=regions)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or _("Pilihan tidak valid.")
        )
        return redirect("prevention:pact_detail", pk=pk)
    try:
        batch = send_pact_reminders(
            actor=request.user,
            pact=pact,
            unit=form.cleaned_data["unit"],
            region=form.cleaned_data["region"],
            sign_url=request.build_absolute_uri(reverse("prevention:my_pacts")),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        count = batch.recipients.count()
        messages.success(
            request,
            _("Pengingat dikirim kepada %(n)s ASN yang belum menandatangani.") % {"n": count},
        )
    return redirect("prevention:pact_detail", pk=pk)


@login_required
def my_pacts(request: HttpRequest) -> HttpResponse:
    """The logged-in ASN's pacts: to sign, or signed with their PDF."""
    asn = asn_of(request.user)
    rows = []
    for pact, signature in pacts_for_signer(request.user):
        reminder = latest_reminder_for(asn, pact) if asn and signature is None else None
        rows.append({"pact": pact, "signature": signature, "reminder": reminder})
    return render(request, "prevention/my_pacts.html", {"asn": asn, "rows": rows})


@login_required
def pact_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the pact with one's own details filled in, type one's name, sign."""
    asn = asn_of(request.user)
    if asn is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data ASN."))
    pact = next((p for p, _s in pacts_for_signer(request.user) if p.pk == pk), None)
    if pact is None:
        raise Http404(_("Pakta tidak ditemukan."))
    existing = PactSignature.objects.filter(pact=pact, asn=asn).first()
    if existing is not None:
        return redirect("prevention:my_pacts")
    language = "en" if translation.get_language() == "en" else "id"
    form = SignPactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sign_pact(
                actor=request.user,
                pact=pact,
                typed_confirmation=form.cleaned_data["typed_confirmation"],
                language=language,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Terima kasih, pakta integritas telah ditandatangani."))
            return redirect("prevention:my_pacts")
    context = {
        "pact": pact,
        "asn": asn,
        "text": render_pact_text(pact, asn, language),
        "form": form,
    }
    return render(request, "prevention/pact_sign.html", context)


@login_required
def signature_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed pact as PDF, for the signer and for officers over their unit."""
    visible = Q(asn__user=request.user) | region_filter(request.user, "unit__region__code")
    signature = get_object_or_404(
        PactSignature.objects.filter(visible).select_related(
            "asn", "unit", "pact__template", "pact__election"
        ),
        pk=pk,
    )
    data = pact_pdf(signature, verify_url(request, signature.verification_code))
    return pdf_response(data, f"pakta-{signature.asn.nip}-{signature.pact_id}.pdf")
