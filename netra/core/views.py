from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.accounts.scoping import scope_of
from netra.elections.selectors import elections_visible_to
from netra.registry.selectors import asn_visible_to, units_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what this user is responsible for, in numbers."""
    scope = scope_of(request.user)
    context = {
        "scope": scope,
        "unit_count": units_visible_to(request.user).count(),
        "asn_count": asn_visible_to(request.user).count(),
        "elections": elections_visible_to(request.user)[:5],
    }
    return render(request, "core/home.html", context)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
