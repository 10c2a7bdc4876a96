from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from .models import Election
from .selectors import elections_visible_to
from .watchlist import build_watchlist

router = Router(tags=["elections"])


class ElectionOut(Schema):
    slug: str
    name: str
    kind: str
    office: str
    region_code: str | None
    voting_date: dt.date
    legal_basis: str

    @staticmethod
    def resolve_region_code(obj: Election | dict[str, Any]) -> str | None:
        region = obj["region"] if isinstance(obj, dict) else obj.region
        return region.code if region is not None else None


class StageOut(Schema):
    code: str
    name: str
    starts_on: dt.date
    ends_on: dt.date


class PairOut(Schema):
    number: int
    head_name: str
    deputy_name: str
    nicknames: list[str]
    parties: list[str]
    slogans: list[str]
    hashtags: list[str]
    is_incumbent: bool


class ElectionDetailOut(ElectionOut):
    extra_terms: list[str]
    on: dt.date
    current_stage: StageOut | None
    is_campaign_period: bool
    stages: list[StageOut]
    pairs: list[PairOut]


def _election(request: HttpRequest, slug: str) -> Election:
    return get_object_or_404(elections_visible_to(request.user), slug=slug)


@router.get("/", response=list[ElectionOut])
def list_elections(request: HttpRequest) -> object:
    """Elections over the caller's regions."""
    return elections_visible_to(request.user)


@router.get("/{slug}", response=ElectionDetailOut)
def election_detail(request: HttpRequest, slug: str, on: dt.date | None = None) -> object:
    """One election with its schedule, its pairs and the stage running ``on`` (default today)."""
    election = _election(request, slug)
    day = on or timezone.localdate()
    return {
        **{f: getattr(election, f) for f in ("slug", "name", "kind", "office", "voting_date")},
        "legal_basis": election.legal_basis,
        "region": election.region,
        "extra_terms": election.extra_terms,
        "on": day,
        "current_stage": election.current_stage(day),
        "is_campaign_period": election.is_campaign_period(day),
        "stages": list(election.stages.all()),
        "pairs": list(election.pairs.all()),
    }


@router.get("/{slug}/stages", response=list[StageOut])
def election_stages(request: HttpRequest, slug: str) -> object:
    """The official schedule (tahapan) in order; look stages up by ``code``."""
    return _election(request, slug).stages.all()


@router.get("/{slug}/pairs", response=list[PairOut])
def election_pairs(request: HttpRequest, slug: str) -> object:
    """The candidate pairs by ballot number."""
    return _election(request, slug).pairs.all()


@router.get("/{slug}/watchlist", response=dict[str, Any])
def election_watchlist(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The scanner watchlist of one election (see the scanner contract)."""
    return build_watchlist(_election(request, slug))
