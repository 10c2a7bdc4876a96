from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.registry.selectors import asn_visible_to

from .forms import ApplyScheduleForm, CandidatePairForm, ExtraTermsForm
from .models import CandidatePair, Election
from .schedule_files import ScheduleError
from .selectors import can_manage_election, elections_visible_to
from .services import apply_schedule, save_candidate_pair, update_election_terms
from .timeline import build_timeline
from .watchlist import build_watchlist


def _viewing_date(request: HttpRequest) -> dt.date:
    """``?pada=2024-10-01`` shows the schedule as on that day; otherwise today (WIB)."""
    raw = request.GET.get("pada", "")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return timezone.localdate()


def _managed_election(request: HttpRequest, slug: str) -> Election:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    if not can_manage_election(request.user, election=election):
        raise PermissionDenied(_("Anda tidak berwenang mengubah pemilihan ini."))
    return election


@login_required
def election_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    elections = list(elections_visible_to(request.user).prefetch_related("stages"))
    rows = [{"election": e, "stage": e.current_stage(today)} for e in elections]
    return render(request, "elections/election_list.html", {"rows": rows, "today": today})


@login_required
def election_detail(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    on = _viewing_date(request)
    manage = can_manage_election(request.user, election=election)
    context: dict[str, Any] = {
        "election": election,
        "on": on,
        "is_today": on == timezone.localdate(),
        "current_stage": election.current_stage(on),
        "timeline": build_timeline(list(election.stages.all()), on),
        "pairs": election.pairs.select_related("head_asn", "deputy_asn"),
        "can_manage": manage,
    }
    if manage:
        context["terms_form"] = ExtraTermsForm(
            initial={"extra_terms": "\n".join(election.extra_terms)}
        )
        context["schedule_form"] = ApplyScheduleForm(election=election)
    return render(request, "elections/election_detail.html", context)


def _pair_form_response(
    request: HttpRequest, election: Election, pair: CandidatePair | None
) -> HttpResponse:
    asn = asn_visible_to(request.user)
    if request.method == "POST":
        form = CandidatePairForm(request.POST, asn_queryset=asn)
        if form.is_valid():
            try:
                saved = save_candidate_pair(
                    actor=request.user, election=election, pair=pair, **form.service_kwargs()
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Pasangan calon %(pair)s tersimpan.") % {"pair": saved})
                url = reverse("elections:election_detail", args=[election.slug])
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return redirect(url)
    else:
        initial = CandidatePairForm.initial_for(pair) if pair is not None else {}
        if pair is None:
            initial["number"] = (max((p.number for p in election.pairs.all()), default=0)) + 1
        form = CandidatePairForm(initial=initial, asn_queryset=asn)
    context = {"election": election, "pair": pair, "form": form}
    template = (
        "elections/_pair_form.html"
        if getattr(request, "htmx", False)
        else "elections/pair_form.html"
    )
    return render(request, template, context)


@login_required
def pair_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _pair_form_response(request, _managed_election(request, slug), None)


@login_required
def pair_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    election = _managed_election(request, slug)
    pair = get_object_or_404(election.pairs, number=number)
    return _pair_form_response(request, election, pair)


@login_required
@require_POST
def election_terms(request: HttpRequest, slug: str) -> HttpResponse:
    election = _managed_election(request, slug)
    form = ExtraTermsForm(request.POST)
    if form.is_valid():
        update_election_terms(
            actor=request.user, election=election, extra_terms=form.cleaned_data["extra_terms"]
        )
        messages.success(request, _("Istilah pantauan tambahan tersimpan."))
    return redirect("elections:election_detail", slug=election.slug)


@login_required
@require_POST
def election_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    election = _managed_election(request, slug)
    form = ApplyScheduleForm(request.POST, election=election)
    if not form.is_valid():
        messages.error(request, _("Pilih jadwal resmi yang sesuai jenis pemilihan."))
    else:
        try:
            result = apply_schedule(
                actor=request.user, election=election, schedule=form.cleaned_data["schedule"]
            )
        except ScheduleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Jadwal diterapkan: %(created)s tahapan baru, %(updated)s diperbarui.")
                % {"created": len(result.created), "updated": len(result.updated)},
            )
    return redirect("elections:election_detail", slug=election.slug)


@login_required
def watchlist_json(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    body = json.dumps(build_watchlist(election), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{election.slug}.watchlist.json"'
    return response
