from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from .selectors import elections_visible_to
from .watchlist import build_watchlist

router = Router(tags=["elections"])


class ElectionOut(Schema):
    slug: str
    name: str
    kind: str
    office: str
    voting_date: dt.date


@router.get("/", response=list[ElectionOut])
def list_elections(request: HttpRequest) -> object:
    """Elections over the caller's regions."""
    return elections_visible_to(request.user)


@router.get("/{slug}/watchlist", response=dict[str, Any])
def election_watchlist(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The scanner watchlist of one election (see the scanner contract)."""
    return build_watchlist(get_object_or_404(elections_visible_to(request.user), slug=slug))
