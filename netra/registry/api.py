from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import File, Router, Schema, UploadedFile
from ninja.pagination import paginate

from .importing import KINDS, ImportRejected, ImportReport, import_file
from .importing.uploads import check_upload
from .permissions import can_import
from .selectors import asn_visible_to, filter_asn, units_visible_to

router = Router(tags=["registry"])

PROBLEM = "application/problem+json"
UPLOAD_STATUS = {"size": 413, "type": 415, "empty": 400}


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    region_code: str

    @staticmethod
    def resolve_region_code(obj: object) -> str:
        return obj.region.code  # type: ignore[attr-defined]


class AsnOut(Schema):
    nip: str
    name: str
    asn_type: str
    position: str
    grade: str
    unit_code: str
    is_head_of_unit: bool

    @staticmethod
    def resolve_unit_code(obj: object) -> str:
        return obj.unit.code  # type: ignore[attr-defined]


class RowErrorOut(Schema):
    row: int
    column: str
    value: str
    reason: str


class ImportReportOut(Schema):
    kind: str
    source_name: str
    sha256: str
    rows: int
    created: int
    updated: int
    unchanged: int
    social_created: int
    applied: bool
    ignored_columns: list[str]
    errors: list[RowErrorOut]


@router.get("/units", response=list[UnitOut])
@paginate
def list_units(request: HttpRequest) -> object:
    """Units inside the caller's regions."""
    return units_visible_to(request.user)


@router.get("/asn", response=list[AsnOut])
@paginate
def list_asn(request: HttpRequest, q: str | None = None) -> object:
    """ASN inside the caller's regions; ``q`` searches name or NIP prefix."""
    return filter_asn(asn_visible_to(request.user), q=q or "")


def problem(status: int, code: str, title: str, **extra: object) -> HttpResponse:
    """An RFC 9457 problem document; ``code`` is stable for clients to switch on."""
    body = {"type": f"urn:netra:problem:{code}", "title": title, "status": status, "code": code}
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM)


@router.post(
    "/import/{kind}",
    response={200: ImportReportOut},
    openapi_extra={
        "responses": {
            403: {"description": "Problem: not Inspektorat/BKPSDM or admin"},
            413: {"description": "Problem: file larger than NETRA_IMPORT_MAX_BYTES"},
            415: {"description": "Problem: not a .csv or .xlsx file"},
            422: {"description": "Problem: bad rows, listed in `errors`; nothing written"},
        }
    },
)
def import_rows(
    request: HttpRequest, kind: str, file: File[UploadedFile], dry_run: bool = True
) -> object:
    """Import ``kind`` ("asn" or "unit") from a CSV/XLSX upload; a dry run by default.

    With errors the answer is a 422 problem whose ``errors`` list every bad cell (row as
    in the spreadsheet, column, value, reason) and nothing is written. ``dry_run=false``
    writes all rows in one transaction. Inspektorat/BKPSDM and admins only.
    """
    if not can_import(request.user):
        return problem(
            403, "forbidden", "Hanya Inspektorat/BKPSDM atau admin yang dapat mengimpor."
        )
    if kind not in KINDS:
        return problem(
            404, "unknown_kind", f"Jenis impor harus salah satu dari: {', '.join(KINDS)}."
        )
    try:
        data = check_upload(file)
    except ValidationError as exc:
        code = exc.code or "type"
        return problem(UPLOAD_STATUS.get(code, 400), f"upload_{code}", " ".join(exc.messages))
    try:
        report = import_file(
            actor=request.user,
            kind=kind,
            data=data,
            source_name=file.name or f"impor.{kind}",
            dry_run=dry_run,
        )
    except ImportRejected as exc:
        report = exc.report
    if not report.ok:
        return _invalid(report)
    return report.as_dict()


def _invalid(report: ImportReport) -> HttpResponse:
    body = report.as_dict()
    errors = body.pop("errors")
    return problem(
        422,
        "import_invalid",
        f"{len(report.errors)} galat pada {report.bad_rows} baris; tidak ada data yang diubah.",
        errors=errors,
        report=body,
    )
