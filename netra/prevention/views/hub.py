"""The prevention landing page: what this user can do here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import asn_of, is_organiser
from ..selectors import pacts_for_signer


@login_required
def home(request: HttpRequest) -> HttpResponse:
    asn = asn_of(request.user)
    to_sign = [p for p, s in pacts_for_signer(request.user) if s is None] if asn else []
    context = {
        "asn": asn,
        "to_sign": to_sign,
        "organiser": is_organiser(request.user),
        "is_head": asn is not None and asn.is_head_of_unit,
    }
    return render(request, "prevention/home.html", context)
