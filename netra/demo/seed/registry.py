"""Demo units and staff, written through the registry's bulk import (one audit event each).

Only rows whose code or NIP is not in the database yet are sent, so a second run adds
nothing and never overwrites what someone changed in the demo since.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netra.registry.importing import (
    ImportRejected,
    import_asn_records,
    import_unit_records,
)
from netra.registry.models import Asn, AsnType, Unit
from netra.registry.nip import compose_nip
from netra.registry.services import save_asn

from .staff import declared_accounts, people_for
from .units import UNITS, UnitSpec, allocate

DEFAULT_ASN = 2000


class SeedError(RuntimeError):
    """The demo data could not be written; the message lists what was refused."""


def _rejected(exc: ImportRejected, what: str) -> SeedError:
    lines = [f"{what} refused by the registry import:"]
    lines += [
        f"  row {e.row}, {e.column} = {e.value!r}: {e.reason}" for e in exc.report.errors[:20]
    ]
    return SeedError("\n".join(lines))


def seed_units(*, actor: Any, specs: tuple[UnitSpec, ...] = UNITS) -> int:
    """Create the demo units that do not exist yet; returns how many were created."""
    existing = set(
        Unit.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True)
    )
    records = [
        {
            "kode": spec.code,
            "nama": spec.name,
            "jenis": spec.kind,
            "kode_induk": spec.parent,
            "kode_wilayah": spec.region,
        }
        for spec in specs
        if spec.code not in existing
    ]
    if not records:
        return 0
    try:
        report = import_unit_records(actor=actor, records=records, source_name="demo-units.csv")
    except ImportRejected as exc:
        raise _rejected(exc, "demo units") from exc
    return report.created


def seed_staff(*, actor: Any, total: int = DEFAULT_ASN) -> tuple[int, int]:
    """Create the demo ASN (and their declared accounts) not present yet.

    Returns ``(asn_created, accounts_created)``.
    """
    people = people_for(allocate(total), UNITS)
    known: set[str] = set()
    nips = [p.nip for p in people]
    for start in range(0, len(nips), 500):
        known.update(
            Asn.objects.filter(nip__in=nips[start : start + 500]).values_list("nip", flat=True)
        )
    accounts: dict[str, dict[str, list[str]]] = {}
    for nip, platform, handle in declared_accounts(people):
        accounts.setdefault(nip, {}).setdefault(str(platform), []).append(handle)
    records = [
        {
            "nip": p.nip,
            "nama": p.name,
            "jenis": p.asn_type,
            "jabatan": p.position,
            "golongan": p.grade,
            "kode_unit": p.unit_code,
            "kepala_unit": "ya" if p.is_head else "tidak",
            **{
                platform: " ".join(handles) for platform, handles in accounts.get(p.nip, {}).items()
            },
        }
        for p in people
        if p.nip not in known
    ]
    if not records:
        return 0, 0
    try:
        report = import_asn_records(actor=actor, records=records, source_name="demo-asn.csv")
    except ImportRejected as exc:
        raise _rejected(exc, "demo ASN") from exc
    return report.created, report.social_created


# Wahyu Hidayat was Pj Wali Kota Malang and resigned as PNS to run for mayor in 2024.
# The record below stands for that public fact; its NIP is synthetic, like all demo NIPs.
FORMER_PJ_NAME = "Wahyu Hidayat"
FORMER_PJ_NIP = compose_nip(
    birth_date=dt.date(1970, 1, 1), appointed_year=1995, appointed_month=3, gender="L", serial=1
)


def seed_former_pj(*, actor: Any) -> Asn:
    """The inactive ASN record of the candidate who was Pj Wali Kota (kept if present)."""
    asn = Asn.objects.filter(nip=FORMER_PJ_NIP).first()
    if asn is not None:
        return asn
    return save_asn(
        actor=actor,
        nip=FORMER_PJ_NIP,
        asn_type=AsnType.PNS,
        name=FORMER_PJ_NAME,
        unit=Unit.objects.get(code="mlg-setda"),
        position="Penjabat Wali Kota Malang (mengundurkan diri sebagai PNS untuk mencalonkan diri)",
        grade="Pembina Utama Muda, IV/c",
        is_active=False,
    )
