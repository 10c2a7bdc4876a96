"""Pages for the zero-violation close-out: unit heads sign, the city follows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.scoping import region_filter
from netra.elections.models import Election
from netra.elections.selectors import elections_visible_to

from ..forms import CloseOutForm
from ..models import Attendance, Briefing, CloseOut
from ..pdf import city_statement_pdf, close_out_pdf
from ..permissions import asn_of, can_view_city_close_out, head_of
from ..selectors import (
    close_out_status,
    close_outs_for_head,
    pact_coverage_total,
    pacts_visible_to,
    unit_cases,
)
from ..services import close_out_text, sign_close_out
from .common import add_errors, pdf_response, verify_url


@login_required
def close_out_home(request: HttpRequest) -> HttpResponse:
    """Unit heads see their statements to sign; the city sees the elections to follow."""
    elections = [
        e
        for e in elections_visible_to(request.user).filter(region__isnull=False)
        if e.region is not None and can_view_city_close_out(request.user, e.region)
    ]
    context = {"own": close_outs_for_head(request.user), "elections": elections}
    return render(request, "prevention/closeout_home.html", context)


@login_required
def close_out_sign(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    asn = asn_of(request.user)
    head = head_of(request.user, asn.unit) if asn is not None else None
    if head is None:
        raise PermissionDenied(_("Hanya kepala unit kerja yang dapat menandatangani."))
    if CloseOut.objects.filter(election=election, unit=head.unit).exists():
        return redirect("prevention:close_out_home")
    form = CloseOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sign_close_out(
                actor=request.user,
                election=election,
                unit=head.unit,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Pernyataan penutup telah ditandatangani."))
            return redirect("prevention:close_out_home")
    cases = unit_cases(election=election, unit=head.unit)
    preview = close_out_text(election=election, unit=head.unit, head=head, cases=cases, note="")
    context = {
        "election": election,
        "unit": head.unit,
        "cases": cases,
        "preview": preview,
        "form": form,
        "too_early": timezone.localdate() < election.voting_date,
    }
    return render(request, "prevention/closeout_sign.html", context)


def _city_election(request: HttpRequest, slug: str) -> Election:
    election = get_object_or_404(
        elections_visible_to(request.user).filter(region__isnull=False), slug=slug
    )
    assert election.region is not None
    if not can_view_city_close_out(request.user, election.region):
        raise PermissionDenied
    return election


@login_required
def close_out_city(request: HttpRequest, slug: str) -> HttpResponse:
    """Which units of the city closed out, which listed cases, which are missing."""
    election = _city_election(request, slug)
    status = close_out_status(election, request.user)
    context = {
        "election": election,
        "status": status,
        "closed": sum(1 for s in status if s.close_out is not None),
        "with_cases": sum(1 for s in status if s.close_out is not None and not s.close_out.is_zero),
    }
    return render(request, "prevention/closeout_city.html", context)


@login_required
def close_out_city_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The city-level statement summarising the period, generated now from the records."""
    election = _city_election(request, slug)
    assert election.region is not None
    status = close_out_status(election, request.user)
    pacts = [
        (f"{p.template.title_id} ({p.region.display_name})", pact_coverage_total(p, request.user))
        for p in pacts_visible_to(request.user).filter(election=election)
    ]
    briefings = Briefing.objects.filter(election=election).filter(
        region_filter(request.user, "region__code")
    )
    attendees = Attendance.objects.filter(briefing__in=briefings).count()
    campaign = election.stage("kampanye")
    period = (
        f"{campaign.starts_on:%d-%m-%Y} s.d. {election.voting_date:%d-%m-%Y}"
        if campaign is not None
        else f"s.d. {election.voting_date:%d-%m-%Y}"
    )
    data = city_statement_pdf(
        region_name=election.region.display_name,
        election_name=election.name,
        period=period,
        pacts=pacts,
        briefings=briefings.count(),
        attendees=attendees,
        status=status,
        generated_by=str(request.user),
    )
    return pdf_response(data, f"pernyataan-netralitas-{election.slug}.pdf")


@login_required
def close_out_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit's statement, for its head and for officers over the unit."""
    visible = Q(signed_by=request.user) | region_filter(request.user, "unit__region__code")
    close_out = get_object_or_404(
        CloseOut.objects.filter(visible).select_related("unit", "head", "election"), pk=pk
    )
    data = close_out_pdf(close_out, verify_url(request, close_out.verification_code))
    return pdf_response(data, f"pernyataan-{close_out.unit.code}-{close_out.election.slug}.pdf")
