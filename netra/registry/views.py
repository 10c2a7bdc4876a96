from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .selectors import asn_visible_to, units_visible_to


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_visible_to(request.user).annotate(staff_count=Count("staff"))
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return render(request, "registry/unit_list.html", {"units": units, "query": query})


@login_required
def asn_list(request: HttpRequest) -> HttpResponse:
    staff = asn_visible_to(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        staff = staff.filter(Q(name__icontains=query) | Q(nip__startswith=query.replace(" ", "")))
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    template = "registry/_asn_rows.html" if request.htmx else "registry/asn_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"page": page, "query": query})


@login_required
def asn_detail(request: HttpRequest, nip: str) -> HttpResponse:
    asn = get_object_or_404(asn_visible_to(request.user), nip=nip)
    return render(request, "registry/asn_detail.html", {"asn": asn})
