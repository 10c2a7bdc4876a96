"""REST endpoints for prevention: pacts and live coverage, public code check."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_ratelimit.core import is_ratelimited
from ninja import Router, Schema
from ninja.errors import HttpError

from .selectors import (
    Coverage,
    pact_coverage_by_kecamatan,
    pact_coverage_by_unit,
    pact_coverage_total,
    pacts_visible_to,
    verify_code,
)

router = Router(tags=["prevention"])


class PactOut(Schema):
    id: int
    election: str
    region_code: str
    role: str
    template_version: int
    is_open: bool

    @staticmethod
    def resolve_election(obj: object) -> str:
        return obj.election.slug  # type: ignore[attr-defined]

    @staticmethod
    def resolve_region_code(obj: object) -> str:
        return obj.region.code  # type: ignore[attr-defined]

    @staticmethod
    def resolve_template_version(obj: object) -> int:
        return obj.template.version  # type: ignore[attr-defined]


class CoverageOut(Schema):
    key: str
    label: str
    signed: int
    total: int
    percent: int


class PactCoverageOut(Schema):
    total: CoverageOut
    by_kecamatan: list[CoverageOut]
    by_unit: list[CoverageOut]


class VerifyOut(Schema):
    valid: bool
    document: str = ""
    initials: str = ""
    unit: str = ""
    election: str = ""
    signed_on: dt.date | None = None


def _out(c: Coverage) -> CoverageOut:
    return CoverageOut(key=c.key, label=c.label, signed=c.done, total=c.total, percent=c.percent)


@router.get("/pacts", response=list[PactOut])
def list_pacts(request: HttpRequest) -> object:
    """Pacts over the caller's area."""
    return list(pacts_visible_to(request.user))


@router.get("/pacts/{pact_id}/coverage", response=PactCoverageOut)
def pact_coverage(request: HttpRequest, pact_id: int) -> PactCoverageOut:
    """Signed / asked, in total, per kecamatan and per unit, within the caller's area."""
    pact = get_object_or_404(pacts_visible_to(request.user), pk=pact_id)
    return PactCoverageOut(
        total=_out(pact_coverage_total(pact, request.user)),
        by_kecamatan=[_out(c) for c in pact_coverage_by_kecamatan(pact, request.user)],
        by_unit=[_out(c) for c in pact_coverage_by_unit(pact, request.user)],
    )


@router.get("/verify/{code}", response=VerifyOut, auth=None)
def verify(request: HttpRequest, code: str) -> VerifyOut:
    """Public: whether a verification code is valid, with minimal data if so."""
    if is_ratelimited(request, group="prevention.verify", key="ip", rate="30/m", increment=True):
        raise HttpError(429, "Terlalu banyak permintaan; coba lagi sebentar lagi.")
    result = verify_code(code)
    if result is None:
        return VerifyOut(valid=False)
    return VerifyOut(
        valid=True,
        document=result.document,
        initials=result.initials,
        unit=result.unit,
        election=result.election,
        signed_on=result.signed_at.date(),
    )
