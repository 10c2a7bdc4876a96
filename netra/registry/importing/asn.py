"""Importing ASN from a spreadsheet: validate every row, then write all of them or none.

Validation reads everything it needs up front (units by code, the ASN already holding
the file's NIPs, accounts already declared) into dictionaries, so checking 50,000
rows costs a handful of queries rather than one per row. Writing uses ``bulk_create``
for new rows and one parametrised UPDATE per changed row (see :mod:`.sql`), in batches,
inside the caller's transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import HANDLE_RE, Asn, AsnType, Platform, SocialAccount, normalize_handle
from ..nip import NipError, parse_nip
from .report import (
    STAGE_CHECK,
    STAGE_SAVE,
    Column,
    ImportReport,
    Mapping,
    Progress,
    RowError,
    known_headers,
    lost_digits_reason,
    parse_flag,
)
from .scope import RegionScope
from .sql import update_by_pk
from .tabular import LostDigits, Table

SOCIAL_COLUMNS: dict[str, tuple[str, ...]] = {
    Platform.INSTAGRAM: ("ig",),
    Platform.FACEBOOK: ("fb",),
    Platform.TIKTOK: ("tik_tok",),
    Platform.X: ("twitter", "x_twitter"),
    Platform.YOUTUBE: ("yt",),
    Platform.THREADS: (),
}

COLUMNS: tuple[Column, ...] = (
    Column("nip", ("nip_baru", "ni_pppk", "nomor_induk_pegawai"), required=True),
    Column("nama", ("name", "nama_lengkap", "nama_asn", "nama_pegawai"), required=True),
    Column("jenis", ("asn_type", "jenis_asn", "status_asn", "type"), required=True),
    Column("jabatan", ("position", "nama_jabatan")),
    Column("golongan", ("grade", "pangkat", "gol", "golongan_pangkat", "pangkat_golongan")),
    Column("kode_unit", ("unit", "unit_code", "kode_unit_kerja", "unit_kerja"), required=True),
    Column("kepala_unit", ("is_head", "is_head_of_unit", "kepala")),
    *(Column(str(platform), aliases) for platform, aliases in SOCIAL_COLUMNS.items()),
)

HEADERS = known_headers(COLUMNS)
ASN_TYPES = {"pns": AsnType.PNS, "cpns": AsnType.PNS, "pppk": AsnType.PPPK, "p3k": AsnType.PPPK}
UPDATED_FIELDS = ("asn_type", "name", "position", "grade", "unit_id", "is_head_of_unit")
_HANDLE_SPLIT = re.compile(r"[,;\s]+")
_CHUNK = 500
_MAX = {"nama": 200, "jabatan": 200, "golongan": 40}


@dataclass
class AsnRow:
    row: int
    nip: str
    asn_type: str
    name: str
    position: str
    grade: str
    unit_id: int
    is_head_of_unit: bool
    birth_date: Any
    gender: str
    socials: list[tuple[str, str]] = field(default_factory=list)

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in UPDATED_FIELDS)


@dataclass
class AsnPlan:
    rows: list[AsnRow]
    existing: dict[str, tuple[Any, ...]]  # nip -> (pk, *UPDATED_FIELDS)
    declared: dict[tuple[str, str], str]  # (platform, handle) -> nip of the declaring ASN


def validate(
    table: Table, *, scope: RegionScope, report: ImportReport, progress: Progress
) -> AsnPlan:
    """Check every row; errors go to ``report``, valid rows to the returned plan."""
    errors = report.errors
    mapping = Mapping(table, COLUMNS, errors)
    report.ignored_columns = mapping.ignored
    report.rows = len(table.rows)
    plan = AsnPlan(rows=[], existing={}, declared={})
    if errors:
        return plan
    units = scope.units_by_code()
    # The first row of each NIP and each (platform, handle), also from rows with other
    # errors, so a repeat is reported even when the first occurrence is bad too.
    first_row_of: dict[object, int] = {}
    for done, (number, cells) in enumerate(table.rows, start=1):
        row = _check_row(number, cells, mapping, units, errors, first_row_of)
        if done % 1000 == 0:
            progress(STAGE_CHECK, done, report.rows)
        if row is not None:
            plan.rows.append(row)
    progress(STAGE_CHECK, report.rows, report.rows)
    _check_against_database(plan, mapping, scope, errors)
    errors.sort(key=lambda e: e.row)
    return plan


def _check_row(
    number: int,
    cells: list[Any],
    mapping: Mapping,
    units: dict[str, int],
    errors: list[RowError],
    first_row_of: dict[object, int],
) -> AsnRow | None:
    before = len(errors)

    def fail(column: str, value: object, reason: str) -> None:
        errors.append(RowError(number, mapping.label[column], str(value), reason))

    raw_type = mapping.text(cells, "jenis")
    asn_type = ASN_TYPES.get(raw_type.strip().lower())
    if asn_type is None:
        fail("jenis", raw_type, _("Jenis ASN harus PNS atau PPPK."))
    raw_nip = mapping.cell(cells, "nip")
    nip = None
    if isinstance(raw_nip, LostDigits):
        fail("nip", raw_nip, lost_digits_reason(raw_nip))
    elif not raw_nip:
        fail("nip", "", _("NIP wajib diisi."))
    else:
        try:
            nip = parse_nip(raw_nip, asn_type=asn_type or AsnType.PNS)
        except NipError as exc:
            fail("nip", raw_nip, str(exc))
        else:
            first = first_row_of.setdefault(nip.value, number)
            if first != number:
                fail("nip", raw_nip, _("NIP ini sudah ada di baris %(row)s.") % {"row": first})
    texts = {name: mapping.text(cells, name) for name in _MAX}
    if not texts["nama"]:
        fail("nama", "", _("Nama wajib diisi."))
    for name, limit in _MAX.items():
        if len(texts[name]) > limit:
            fail(name, texts[name][:40], _("Paling banyak %(n)s karakter.") % {"n": limit})
    code = mapping.text(cells, "kode_unit")
    unit_id = units.get(code.lower())
    if not code:
        fail("kode_unit", "", _("Kode unit wajib diisi."))
    elif unit_id is None:
        fail(
            "kode_unit",
            code,
            _("Unit dengan kode ini tidak ada dalam cakupan Anda; impor unit kerja lebih dulu."),
        )
    raw_head = mapping.text(cells, "kepala_unit")
    is_head = parse_flag(raw_head)
    if is_head is None:
        fail("kepala_unit", raw_head, _("Isi dengan ya/tidak (atau 1/0)."))
    socials: list[tuple[str, str]] = []
    for platform in SOCIAL_COLUMNS:
        for piece in _HANDLE_SPLIT.split(mapping.text(cells, platform)):
            if not piece:
                continue
            handle = normalize_handle(piece)
            if not HANDLE_RE.match(handle):
                fail(
                    platform,
                    piece,
                    _("Nama akun hanya boleh huruf, angka, titik, garis bawah dan tanda hubung."),
                )
            elif (platform, handle) not in socials:
                socials.append((platform, handle))
                first = first_row_of.setdefault((platform, handle), number)
                if first != number:
                    fail(platform, piece, _("Akun ini juga ada di baris %(row)s.") % {"row": first})
    if len(errors) > before or nip is None or asn_type is None or unit_id is None:
        return None
    return AsnRow(
        row=number,
        nip=nip.value,
        asn_type=asn_type,
        name=texts["nama"],
        position=texts["jabatan"],
        grade=texts["golongan"],
        unit_id=unit_id,
        is_head_of_unit=bool(is_head),
        birth_date=nip.birth_date,
        gender=nip.gender,
        socials=socials,
    )


def _check_against_database(
    plan: AsnPlan, mapping: Mapping, scope: RegionScope, errors: list[RowError]
) -> None:
    nips = [row.nip for row in plan.rows]
    outside: set[str] = set()
    for start in range(0, len(nips), _CHUNK):
        found = Asn.objects.filter(nip__in=nips[start : start + _CHUNK]).values_list(
            "nip", "pk", *UPDATED_FIELDS, "unit__region__code"
        )
        for nip, pk, *values, region_code in found:
            plan.existing[nip] = (pk, *values)
            if not scope.covers(region_code):
                outside.add(nip)
    wanted = {social for row in plan.rows for social in row.socials}
    handles = sorted({handle for _platform, handle in wanted})
    for start in range(0, len(handles), _CHUNK):
        for platform, handle, nip in SocialAccount.objects.filter(
            handle__in=handles[start : start + _CHUNK]
        ).values_list("platform", "handle", "asn__nip"):
            if (platform, handle) in wanted:
                plan.declared[(platform, handle)] = nip
    kept: list[AsnRow] = []
    for row in plan.rows:
        bad = False
        if row.nip in outside:
            errors.append(
                RowError(
                    row.row,
                    mapping.label["nip"],
                    row.nip,
                    _("ASN dengan NIP ini terdaftar di unit di luar cakupan Anda."),
                )
            )
            bad = True
        for platform, handle in row.socials:
            owner = plan.declared.get((platform, handle))
            if owner is not None and owner != row.nip:
                errors.append(
                    RowError(
                        row.row,
                        mapping.label[platform],
                        handle,
                        _("Akun ini sudah dideklarasikan oleh ASN lain (NIP %(nip)s).")
                        % {"nip": owner},
                    )
                )
                bad = True
        if not bad:
            kept.append(row)
    plan.rows = kept


def count(plan: AsnPlan, report: ImportReport) -> None:
    """Fill the created/updated/unchanged numbers a dry run shows."""
    for row in plan.rows:
        existing = plan.existing.get(row.nip)
        if existing is None:
            report.created += 1
        elif tuple(existing[1:]) != row.values():
            report.updated += 1
        else:
            report.unchanged += 1
        report.social_created += sum(1 for s in row.socials if s not in plan.declared)


def apply(plan: AsnPlan, *, report: ImportReport, progress: Progress, batch_size: int) -> None:
    """Write the plan; the caller holds the transaction and records the audit event."""
    now = timezone.now()
    new: list[Asn] = []
    changed: list[Asn] = []
    pks: dict[str, int] = {}
    for row in plan.rows:
        existing = plan.existing.get(row.nip)
        if existing is None:
            new.append(
                Asn(
                    nip=row.nip,
                    asn_type=row.asn_type,
                    name=row.name,
                    gender=row.gender,
                    birth_date=row.birth_date,
                    position=row.position,
                    grade=row.grade,
                    unit_id=row.unit_id,
                    is_head_of_unit=row.is_head_of_unit,
                    created_at=now,
                    updated_at=now,
                )
            )
            continue
        pks[row.nip] = existing[0]
        if tuple(existing[1:]) == row.values():
            report.unchanged += 1
            continue
        asn = Asn(pk=existing[0], updated_at=now)
        for name in UPDATED_FIELDS:
            setattr(asn, name, getattr(row, name))
        changed.append(asn)
    total = len(new) + len(changed)
    done = 0
    for start in range(0, len(new), batch_size):
        batch = new[start : start + batch_size]
        Asn.objects.bulk_create(batch, batch_size=batch_size)
        done += len(batch)
        progress(STAGE_SAVE, done, total)
    for start in range(0, len(changed), batch_size):
        batch = changed[start : start + batch_size]
        update_by_pk(batch, [*UPDATED_FIELDS, "updated_at"], batch_size=batch_size)
        done += len(batch)
        progress(STAGE_SAVE, done, total)
    report.created, report.updated = len(new), len(changed)
    _add_social_accounts(plan, new, pks, report, batch_size)


def _add_social_accounts(
    plan: AsnPlan,
    new: list[Asn],
    pks: dict[str, int],
    report: ImportReport,
    batch_size: int,
) -> None:
    if not any(row.socials for row in plan.rows):
        return
    pks.update((asn.nip, asn.pk) for asn in new if asn.pk is not None)
    missing = [asn.nip for asn in new if asn.pk is None]  # backends that return no ids
    for start in range(0, len(missing), _CHUNK):
        pks.update(
            Asn.objects.filter(nip__in=missing[start : start + _CHUNK]).values_list("nip", "pk")
        )
    accounts = [
        SocialAccount(asn_id=pks[row.nip], platform=platform, handle=handle)
        for row in plan.rows
        for platform, handle in row.socials
        if (platform, handle) not in plan.declared
    ]
    SocialAccount.objects.bulk_create(accounts, batch_size=batch_size)
    report.social_created = len(accounts)
