"""Cases over the API: scoped lists and details, workflow moves, deadlines at risk.

Every read goes through :mod:`netra.cases.selectors`; the reporter's identity appears
only when :func:`~netra.cases.selectors.reporter_identity_visible_to` allows it. Errors
are RFC 9457 problem documents with a stable ``code``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Router, Schema
from ninja.pagination import paginate

from netra.elections.models import Election
from netra.regions.models import Region
from netra.rules.models import ViolationForm

from .models import Case, CaseDeadline
from .selectors import (
    DeadlineStatus,
    case_view,
    cases_visible_to,
    deadline_status,
    deadlines_at_risk,
    timeline_of,
)
from .services import (
    CaseError,
    IllegalTransition,
    add_note,
    forward_finding,
    record_finding,
    return_finding,
    transition_case,
)
from .workflow import move_for

router = Router(tags=["cases"])

PROBLEM = "application/problem+json"
ERROR_STATUS = {
    "illegal_transition": 409,
    "precondition": 409,
    "forbidden": 403,
    "missing_field": 422,
    "invalid_field": 422,
    "unexpected_field": 422,
    "finding_out_of_area": 403,
    "top_of_ladder": 409,
    "closed": 409,
}


def problem(status: int, code: str, title: str, **extra: object) -> HttpResponse:
    body = {"type": f"urn:netra:problem:{code}", "title": title, "status": status, "code": code}
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM)


class CaseOut(Schema):
    reference: str
    source: str
    election: str
    state: str
    state_label: str
    level: str
    region_code: str
    region_name: str
    violation_form: str | None
    known_on: dt.date
    received_at: dt.datetime
    summary: str
    ppk_conflict: bool
    touches_incumbent: bool
    reported_late: bool

    @staticmethod
    def resolve_election(obj: Case) -> str:
        return obj.election.slug

    @staticmethod
    def resolve_state_label(obj: Case) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_region_code(obj: Case) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Case) -> str:
        return obj.region.name

    @staticmethod
    def resolve_violation_form(obj: Case) -> str | None:
        return obj.violation_form.code if obj.violation_form else None


class ReporterOut(Schema):
    name: str
    phone: str
    email: str
    address: str


class DeadlineOut(Schema):
    case: str
    code: str
    name: str
    day_count: str
    starts_on: dt.date
    due_on: dt.date
    days_left: int
    running: bool
    breached: bool


class CaseDetailOut(CaseOut):
    identity_mode: str
    reporter: ReporterOut | None
    next_states: list[str]
    deadlines: list[DeadlineOut]
    decision: str
    recommendation_target: str
    sanction_level: str
    closed_reason: str
    merged_into: str | None

    @staticmethod
    def resolve_identity_mode(obj: Case) -> str:
        return str(obj._api_view.identity_mode)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_reporter(obj: Case) -> dict[str, str] | None:
        reporter = obj._api_view.reporter  # type: ignore[attr-defined]
        return reporter.__dict__ if reporter is not None else None

    @staticmethod
    def resolve_next_states(obj: Case) -> list[str]:
        return list(obj._api_view.next_states)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_deadlines(obj: Case) -> list[dict[str, Any]]:
        deadlines = CaseDeadline.objects.filter(case=obj).select_related("rule", "case")
        return [_deadline_out(deadline_status(d)) for d in deadlines]

    @staticmethod
    def resolve_merged_into(obj: Case) -> str | None:
        return obj.merged_into.reference if obj.merged_into else None


class TimelineOut(Schema):
    seq: int
    occurred_at: dt.datetime
    actor: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class TransitionIn(Schema):
    to_state: str
    note: str = ""
    fields: dict[str, Any] = {}


def _deadline_out(status: DeadlineStatus) -> dict[str, Any]:
    d = status.deadline
    return {
        "case": d.case.reference,
        "code": d.code,
        "name": d.rule.name,
        "day_count": d.rule.day_count,
        "starts_on": d.starts_on,
        "due_on": d.due_on,
        "days_left": status.days_left,
        "running": d.stopped_at is None,
        "breached": d.breached_at is not None or (d.stopped_at is None and status.breached),
    }


def _detail(request: HttpRequest, case: Case) -> Case:
    """The case with the caller's field-scoped view attached for the schema."""
    case._api_view = case_view(request.user, case)  # type: ignore[attr-defined]
    return case


def _visible(request: HttpRequest, reference: str) -> Case | None:
    return cases_visible_to(request.user).filter(reference=reference).first()


def _not_found(reference: str) -> HttpResponse:
    return problem(404, "not_found", f"Perkara {reference} tidak ditemukan atau di luar wewenang.")


@router.get("/", response=list[CaseOut])
@paginate
def list_cases(
    request: HttpRequest, state: str | None = None, election: str | None = None
) -> object:
    """Cases the caller may see, newest first; filter by ``state`` or election slug."""
    cases = cases_visible_to(request.user)
    if state:
        cases = cases.filter(state=state)
    if election:
        cases = cases.filter(election__slug=election)
    return cases


@router.get("/deadlines/at-risk", response=list[DeadlineOut])
def at_risk(request: HttpRequest) -> object:
    """Running deadlines with at most one day left or already passed, soonest first."""
    return [_deadline_out(s) for s in deadlines_at_risk(request.user)]


# Declared before "/{reference}": Django matches URL patterns in order, and "findings"
# would otherwise be read as a case reference (and answered 405).
class FindingIn(Schema):
    election: str
    region_code: str
    summary: str
    known_on: dt.date
    occurred_on: dt.date | None = None
    place: str = ""
    subject_text: str = ""
    reported_form: str | None = None


class NoteIn(Schema):
    note: str = ""


@router.post(
    "/findings",
    response={201: CaseDetailOut},
    openapi_extra={"responses": {403: {}, 404: {}, 422: {}}},
)
def file_finding(request: HttpRequest, payload: FindingIn) -> object:
    """Record an internal finding (temuan) in the caller's area; it starts at the lowest desk."""
    election = Election.objects.filter(slug=payload.election).first()
    region = Region.objects.filter(code=payload.region_code).first()
    if election is None or region is None:
        return problem(404, "not_found", "Pemilihan atau kode wilayah tidak dikenal.")
    form = None
    if payload.reported_form:
        form = ViolationForm.objects.filter(code=payload.reported_form.upper()).first()
        if form is None:
            return problem(
                422, "invalid_field", f"Bentuk pelanggaran {payload.reported_form} tidak dikenal."
            )
    try:
        case = record_finding(
            actor=request.user,  # type: ignore[arg-type]
            election=election,
            region=region,
            summary=payload.summary,
            known_on=payload.known_on,
            occurred_on=payload.occurred_on,
            place=payload.place,
            subject_text=payload.subject_text,
            reported_form=form,
        )
    except CaseError as exc:
        return problem(ERROR_STATUS.get(exc.code, 422), exc.code, exc.message)
    return 201, _detail(request, case)


@router.get("/{reference}", response={200: CaseDetailOut}, openapi_extra={"responses": {404: {}}})
def get_case(request: HttpRequest, reference: str) -> object:
    """One case; the reporter's identity only for roles allowed to see it."""
    case = _visible(request, reference)
    return _detail(request, case) if case is not None else _not_found(reference)


@router.get(
    "/{reference}/timeline",
    response={200: list[TimelineOut]},
    openapi_extra={"responses": {404: {}}},
)
def case_timeline(request: HttpRequest, reference: str) -> object:
    """The audit trail of the case, oldest first."""
    case = _visible(request, reference)
    if case is None:
        return _not_found(reference)
    return [
        {
            "seq": e.seq,
            "occurred_at": e.occurred_at,
            "actor": e.actor_label,
            "action": e.action,
            "before": e.before,
            "after": e.after,
        }
        for e in timeline_of(case)
    ]


def _field_values(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    """Turn JSON values into what the model expects (codes → rows, ISO text → dates)."""
    values = dict(fields)
    if "violation_form" in values:
        values["violation_form"] = ViolationForm.objects.filter(
            code=str(values["violation_form"]).upper()
        ).first()
        if values["violation_form"] is None:
            raise CaseError(
                f"Bentuk pelanggaran {fields['violation_form']} tidak dikenal.",
                code="invalid_field",
            )
    if "merged_into" in values:
        values["merged_into"] = _visible(request, str(values["merged_into"]))
        if values["merged_into"] is None:
            raise CaseError(
                f"Perkara tujuan {fields['merged_into']} tidak ditemukan.", code="invalid_field"
            )
    for name in ("hearing_at",):
        if name in values and isinstance(values[name], str):
            values[name] = parse_datetime(values[name])
    for name in ("decree_date",):
        if name in values and isinstance(values[name], str):
            values[name] = parse_date(values[name])
    return values


@router.post(
    "/{reference}/transition",
    response={200: CaseDetailOut},
    openapi_extra={"responses": {403: {}, 404: {}, 409: {}, 422: {}}},
)
def transition(request: HttpRequest, reference: str, payload: TransitionIn) -> object:
    """Move the case to ``to_state``; ``fields`` carry what the move requires.

    Error codes: ``illegal_transition`` and ``precondition`` (409), ``forbidden`` (403),
    ``missing_field``, ``invalid_field``, ``unexpected_field`` (422). Each names the
    allowed next states.
    """
    case = _visible(request, reference)
    if case is None:
        return _not_found(reference)
    try:
        values = _field_values(request, payload.fields)
        case = transition_case(
            actor=request.user, case=case, to_state=payload.to_state, note=payload.note, **values
        )
    except IllegalTransition as exc:
        move = move_for(exc.from_state, exc.to_state)
        return problem(
            ERROR_STATUS.get(exc.code, 400),
            exc.code,
            exc.message,
            from_state=exc.from_state,
            to_state=exc.to_state,
            allowed=exc.allowed,
            fields=list(exc.fields),
            requires=list(move.requires) if move else [],
        )
    except CaseError as exc:
        return problem(ERROR_STATUS.get(exc.code, 400), exc.code, exc.message)
    return _detail(request, case)


def _desk_move(request: HttpRequest, reference: str, move: Any, **kwargs: Any) -> object:
    case = _visible(request, reference)
    if case is None:
        return _not_found(reference)
    try:
        case = move(actor=request.user, case=case, **kwargs)
    except CaseError as exc:
        return problem(ERROR_STATUS.get(exc.code, 422), exc.code, exc.message)
    return _detail(request, case)


@router.post(
    "/{reference}/forward",
    response={200: CaseDetailOut},
    openapi_extra={"responses": {403: {}, 404: {}, 409: {}}},
)
def forward(request: HttpRequest, reference: str, payload: NoteIn) -> object:
    """Send the case one desk up (kelurahan → kecamatan → Inspektorat)."""
    return _desk_move(request, reference, forward_finding, note=payload.note)


@router.post(
    "/{reference}/return",
    response={200: CaseDetailOut},
    openapi_extra={"responses": {403: {}, 404: {}, 422: {}}},
)
def send_back(request: HttpRequest, reference: str, payload: NoteIn) -> object:
    """Send the case one desk down asking for more information (``note`` required)."""
    return _desk_move(request, reference, return_finding, note=payload.note)


@router.post(
    "/{reference}/notes",
    response={200: CaseDetailOut},
    openapi_extra={"responses": {403: {}, 404: {}, 422: {}}},
)
def note(request: HttpRequest, reference: str, payload: NoteIn) -> object:
    """Add an internal note to the case."""
    case = _visible(request, reference)
    if case is None:
        return _not_found(reference)
    try:
        add_note(actor=request.user, case=case, body=payload.note)
    except CaseError as exc:
        return problem(ERROR_STATUS.get(exc.code, 422), exc.code, exc.message)
    return _detail(request, case)
