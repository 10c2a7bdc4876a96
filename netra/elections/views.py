from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .selectors import elections_visible_to
from .watchlist import build_watchlist


@login_required
def election_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "elections/election_list.html", {"elections": elections_visible_to(request.user)}
    )


@login_required
def election_detail(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    return render(
        request,
        "elections/election_detail.html",
        {"election": election, "stages": election.stages.all(), "pairs": election.pairs.all()},
    )


@login_required
def watchlist_json(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(elections_visible_to(request.user), slug=slug)
    body = json.dumps(build_watchlist(election), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{election.slug}.watchlist.json"'
    return response
