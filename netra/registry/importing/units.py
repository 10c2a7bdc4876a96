"""Importing units (OPD, schools, kelurahan offices …) with the same all-or-nothing rules.

A parent may be another row of the same file, so rows are written in two passes:
first every new unit without its parent, then every parent link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from netra.regions.models import Level, Region

from ..models import Unit, UnitKind
from .report import (
    STAGE_CHECK,
    STAGE_SAVE,
    Column,
    ImportReport,
    Mapping,
    Progress,
    RowError,
    known_headers,
)
from .scope import RegionScope
from .sql import update_by_pk
from .tabular import Table, normalize_header

COLUMNS: tuple[Column, ...] = (
    Column("kode", ("code", "kode_unit", "unit_code"), required=True),
    Column("nama", ("name", "nama_unit", "unit"), required=True),
    Column("jenis", ("kind", "jenis_unit", "type"), required=True),
    Column("kode_induk", ("parent", "parent_code", "induk", "kode_unit_induk")),
    Column(
        "kode_wilayah",
        ("region", "region_code", "wilayah", "kode_kemendagri"),
        required=True,
    ),
    Column("alamat", ("address",)),
)

HEADERS = known_headers(COLUMNS)
KINDS: dict[str, str] = {
    **{str(kind): str(kind) for kind in UnitKind},
    **{normalize_header(str(kind.label)): str(kind) for kind in UnitKind},
    "perangkat_daerah": UnitKind.OPD,
    "dinas": UnitKind.OPD,
    "badan": UnitKind.OPD,
    "school": UnitKind.SEKOLAH,
    "sd": UnitKind.SEKOLAH,
    "smp": UnitKind.SEKOLAH,
    "health_centre": UnitKind.PUSKESMAS,
    "district": UnitKind.KECAMATAN,
    "village": UnitKind.KELURAHAN,
    "hospital": UnitKind.RSUD,
    "rumah_sakit": UnitKind.RSUD,
    "other": UnitKind.OTHER,
}
# A kecamatan or kelurahan office must sit in a region of that level, so the camat or
# lurah of that region sees it.
KIND_LEVELS: dict[str, tuple[str, ...]] = {
    UnitKind.KECAMATAN: (Level.KECAMATAN,),
    UnitKind.KELURAHAN: (Level.KELURAHAN,),
}
UPDATED_FIELDS = ("name", "kind", "region_id", "parent_id", "address")
_CODE_RE = re.compile(r"^[-a-z0-9_]{1,50}$")


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    region_id: int
    parent_code: str
    address: str


@dataclass
class UnitPlan:
    rows: list[UnitRow]
    existing: dict[str, tuple[Any, ...]]  # code -> (pk, *UPDATED_FIELDS)


def validate(
    table: Table, *, scope: RegionScope, report: ImportReport, progress: Progress
) -> UnitPlan:
    errors = report.errors
    mapping = Mapping(table, COLUMNS, errors)
    report.ignored_columns = mapping.ignored
    report.rows = len(table.rows)
    plan = UnitPlan(rows=[], existing={})
    if errors:
        return plan
    regions = {
        code: (pk, level) for pk, code, level in Region.objects.values_list("pk", "code", "level")
    }
    existing_region: dict[str, str] = {}
    for code, pk, region_code, *values in Unit.objects.values_list(
        "code", "pk", "region__code", *UPDATED_FIELDS
    ):
        plan.existing[code.lower()] = (pk, *values)
        existing_region[code.lower()] = region_code
    first_row_of: dict[str, int] = {}
    for number, cells in table.rows:
        before = len(errors)

        def fail(column: str, value: str, reason: str, number: int = number) -> None:
            errors.append(RowError(number, mapping.label[column], value, reason))

        code = mapping.text(cells, "kode").lower()
        name = mapping.text(cells, "nama")
        raw_kind = mapping.text(cells, "jenis")
        kind = KINDS.get(normalize_header(raw_kind))
        region_code = mapping.text(cells, "kode_wilayah")
        parent_code = mapping.text(cells, "kode_induk").lower()
        address = mapping.text(cells, "alamat")
        if not _CODE_RE.match(code):
            fail("kode", code, _("Kode unit wajib diisi: huruf kecil, angka, - atau _, maks. 50."))
        elif code in first_row_of:
            fail(
                "kode",
                code,
                _("Kode ini sudah ada di baris %(row)s.") % {"row": first_row_of[code]},
            )
        elif code in existing_region and not scope.covers(existing_region[code]):
            fail("kode", code, _("Unit dengan kode ini berada di luar cakupan Anda."))
        else:
            first_row_of[code] = number
        if not name:
            fail("nama", "", _("Nama unit wajib diisi."))
        elif len(name) > 200:
            fail("nama", name[:40], _("Paling banyak %(n)s karakter.") % {"n": 200})
        if kind is None:
            fail(
                "jenis",
                raw_kind,
                _("Jenis unit harus salah satu dari: %(kinds)s.")
                % {"kinds": ", ".join(str(k) for k in UnitKind)},
            )
        region = regions.get(region_code)
        if region is None:
            fail("kode_wilayah", region_code, _("Kode wilayah Kemendagri ini tidak dikenal."))
        elif not scope.covers(region_code):
            fail("kode_wilayah", region_code, _("Wilayah ini di luar cakupan Anda."))
        elif kind in KIND_LEVELS and region[1] not in KIND_LEVELS[kind]:
            fail(
                "kode_wilayah",
                region_code,
                _("Kantor %(kind)s harus berada di wilayah tingkat %(kind)s.") % {"kind": kind},
            )
        if len(address) > 300:
            fail("alamat", address[:40], _("Paling banyak %(n)s karakter.") % {"n": 300})
        if len(errors) == before and region is not None and kind is not None:
            plan.rows.append(UnitRow(number, code, name, kind, region[0], parent_code, address))
    progress(STAGE_CHECK, report.rows, report.rows)
    _check_parents(plan, mapping, first_row_of, existing_region, scope, errors)
    errors.sort(key=lambda e: e.row)
    return plan


def _check_parents(
    plan: UnitPlan,
    mapping: Mapping,
    in_file: dict[str, int],
    existing_region: dict[str, str],
    scope: RegionScope,
    errors: list[RowError],
) -> None:
    parent_of = {row.code: row.parent_code for row in plan.rows}
    code_by_pk = {values[0]: code for code, values in plan.existing.items()}
    label = mapping.label["kode_induk"]
    kept: list[UnitRow] = []
    for row in plan.rows:
        parent = row.parent_code
        reason = ""
        if not parent:
            kept.append(row)
            continue
        if parent == row.code:
            reason = _("Unit tidak boleh menjadi induk dirinya sendiri.")
        elif parent not in in_file and parent not in existing_region:
            reason = _("Unit induk dengan kode ini tidak ada di berkas maupun di data.")
        elif parent not in in_file and not scope.covers(existing_region[parent]):
            reason = _("Unit induk ini berada di luar cakupan Anda.")
        else:
            node, seen = parent, {row.code}
            while node and node not in seen:
                seen.add(node)
                if node in parent_of:
                    node = parent_of[node]
                else:
                    parent_pk = plan.existing.get(node, (None, None, None, None, None))[4]
                    node = code_by_pk.get(parent_pk, "")
            if node == row.code:
                reason = _("Rantai unit induk berputar kembali ke unit ini.")
        if reason:
            errors.append(RowError(row.row, label, parent, reason))
        else:
            kept.append(row)
    plan.rows = kept


def count(plan: UnitPlan, report: ImportReport) -> None:
    for row in plan.rows:
        existing = plan.existing.get(row.code)
        if existing is None:
            report.created += 1
        elif _differs(existing, row, _parent_pk(plan, row)):
            report.updated += 1
        else:
            report.unchanged += 1


def _parent_pk(plan: UnitPlan, row: UnitRow) -> Any:
    parent = plan.existing.get(row.parent_code)
    return parent[0] if parent is not None else None


def _differs(existing: tuple[Any, ...], row: UnitRow, parent_pk: Any) -> bool:
    wanted = (row.name, row.kind, row.region_id, parent_pk, row.address)
    return tuple(existing[1:]) != wanted


def apply(plan: UnitPlan, *, report: ImportReport, progress: Progress, batch_size: int) -> None:
    new = [
        Unit(
            code=row.code,
            name=row.name,
            kind=row.kind,
            region_id=row.region_id,
            address=row.address,
        )
        for row in plan.rows
        if row.code not in plan.existing
    ]
    Unit.objects.bulk_create(new, batch_size=batch_size)
    created = {u.code for u in new}
    codes = [row.code for row in plan.rows] + [row.parent_code for row in plan.rows]
    for code, pk, *values in Unit.objects.filter(code__in=set(codes) - {""}).values_list(
        "code", "pk", *UPDATED_FIELDS
    ):
        plan.existing[code.lower()] = (pk, *values)
    changed: list[Unit] = []
    for row in plan.rows:
        existing = plan.existing[row.code]
        parent_pk = _parent_pk(plan, row)
        if not _differs(existing, row, parent_pk):
            report.unchanged += row.code not in created
            continue
        changed.append(
            Unit(
                pk=existing[0],
                name=row.name,
                kind=row.kind,
                region_id=row.region_id,
                parent_id=parent_pk,
                address=row.address,
            )
        )
        report.updated += row.code not in created
    update_by_pk(changed, UPDATED_FIELDS, batch_size=batch_size)
    report.created = len(new)
    progress(STAGE_SAVE, len(plan.rows), len(plan.rows))
