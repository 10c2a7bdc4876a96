"""Bulk import of units and ASN from CSV or XLSX files — the registry's bulk write path.

Two calls, one per kind::

    report = import_asn(actor=user, data=raw_bytes, source_name="asn.xlsx", dry_run=True)
    report.errors        # every bad cell: row (as in the spreadsheet), column, value, reason
    report = import_asn(actor=user, data=raw_bytes, source_name="asn.xlsx", dry_run=False)

A dry run writes nothing. A real run validates again inside its transaction and either
writes every row (new NIPs created, known NIPs updated, one audit event for the whole
file) or raises :class:`ImportRejected` carrying the report and writes nothing.
``import_units`` works the same for units. Seeding code that already has rows in
memory can call :func:`import_asn_records` / :func:`import_unit_records`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.db import transaction

from netra.core.audit import record_audit

from . import asn as asn_import
from . import units as unit_import
from .report import (
    STAGE_CHECK,
    STAGE_SAVE,
    ImportRejected,
    ImportReport,
    Progress,
    RowError,
    no_progress,
    sha256_of,
)
from .scope import RegionScope
from .tabular import Table, TableError, read_table

ASN = "asn"
UNIT = "unit"
KINDS = (ASN, UNIT)
BATCH_SIZE = 2000

__all__ = [
    "ASN",
    "KINDS",
    "STAGE_CHECK",
    "STAGE_SAVE",
    "UNIT",
    "ImportRejected",
    "ImportReport",
    "RowError",
    "import_asn",
    "import_asn_records",
    "import_file",
    "import_unit_records",
    "import_units",
]


class _Kind(Protocol):
    HEADERS: frozenset[str]

    def validate(
        self, table: Table, *, scope: RegionScope, report: ImportReport, progress: Progress
    ) -> Any: ...

    def count(self, plan: Any, report: ImportReport) -> None: ...

    def apply(
        self, plan: Any, *, report: ImportReport, progress: Progress, batch_size: int
    ) -> None: ...


_MODULES: dict[str, Any] = {ASN: asn_import, UNIT: unit_import}


def import_file(
    *,
    actor: Any,
    kind: str,
    data: bytes,
    source_name: str,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate ``data`` (a .csv or .xlsx file's bytes) and, unless ``dry_run``, write it.

    ``actor=None`` means the operator at the command line (no region limit); a user
    may only touch units and ASN inside their own regions.
    """
    module: _Kind = _MODULES[kind]
    progress = progress or no_progress
    report = ImportReport(kind=kind, source_name=source_name, sha256=sha256_of(data))
    try:
        table = read_table(data, source_name, known_headers=module.HEADERS)
    except TableError as exc:
        report.errors.append(RowError(0, "", "", str(exc)))
        if dry_run:
            return report
        raise ImportRejected(report) from exc
    scope = RegionScope.of(actor)
    if dry_run:
        plan = module.validate(table, scope=scope, report=report, progress=progress)
        if report.ok:
            module.count(plan, report)
        return report
    with transaction.atomic():
        plan = module.validate(table, scope=scope, report=report, progress=progress)
        if not report.ok:
            raise ImportRejected(report)
        module.apply(plan, report=report, progress=progress, batch_size=BATCH_SIZE)
        report.applied = True
        record_audit(
            actor=actor,
            action=f"{kind}.imported",
            object_repr=source_name,
            after={
                "file_name": source_name,
                "sha256": report.sha256,
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "social_accounts_created": report.social_created,
            },
        )
    return report


def import_asn(
    *,
    actor: Any,
    data: bytes,
    source_name: str,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """ASN rows: nip, nama, jenis, jabatan, golongan, kode_unit, kepala_unit, socials."""
    return import_file(
        actor=actor,
        kind=ASN,
        data=data,
        source_name=source_name,
        dry_run=dry_run,
        progress=progress,
    )


def import_units(
    *,
    actor: Any,
    data: bytes,
    source_name: str,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Unit rows: kode, nama, jenis, kode_induk, kode_wilayah, alamat."""
    return import_file(
        actor=actor,
        kind=UNIT,
        data=data,
        source_name=source_name,
        dry_run=dry_run,
        progress=progress,
    )


def records_to_csv(records: Iterable[Mapping[str, object]]) -> bytes:
    """Rows as dicts (column → value) to CSV bytes the importers read."""
    rows = list(records)
    columns: list[str] = []
    for record in rows:
        columns.extend(c for c in record if c not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for record in rows:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue().encode("utf-8")


def _import_records(
    kind: str,
    actor: Any,
    records: Iterable[Mapping[str, object]],
    source_name: str,
    progress: Progress | None,
) -> ImportReport:
    return import_file(
        actor=actor,
        kind=kind,
        data=records_to_csv(records),
        source_name=source_name if source_name.lower().endswith(".csv") else f"{source_name}.csv",
        dry_run=False,
        progress=progress,
    )


def import_asn_records(
    *,
    actor: Any,
    records: Iterable[Mapping[str, object]],
    source_name: str = "records.csv",
    progress: Progress | None = None,
) -> ImportReport:
    """The bulk path for code (e.g. demo seeding): dicts keyed by the template columns.

    Same checks and guarantees as a file import; raises :class:`ImportRejected`.
    """
    return _import_records(ASN, actor, records, source_name, progress)


def import_unit_records(
    *,
    actor: Any,
    records: Iterable[Mapping[str, object]],
    source_name: str = "records.csv",
    progress: Progress | None = None,
) -> ImportReport:
    """Units as dicts keyed by the template columns; raises :class:`ImportRejected`."""
    return _import_records(UNIT, actor, records, source_name, progress)
