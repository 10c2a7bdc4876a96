"""Demo data for prevention: pacts with partial coverage, briefings, close-outs.

Everything goes through the services, as a real city would do it: the Inspektorat
opens the pacts, ASN sign them (each through their own login), briefings are scheduled
and their attendance lists uploaded, unit heads sign their close-out statements.
The coverage is deliberately uneven: about a third of the units complete, a third
half-way, a third lagging, so the dashboards have something to show. The demo ASN
login (``asn``) is left unsigned so the signing can be tried.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from netra.accounts.models import Role, RoleAssignment, User
from netra.accounts.services import create_user
from netra.core.documents import WIB
from netra.elections.models import Election
from netra.regions.models import Region, within_q
from netra.registry.importing import records_to_csv
from netra.registry.models import Asn, Unit, UnitKind
from netra.registry.services import link_asn_user

from .models import Briefing, CloseOut, Pact, PactRole, PactSignature
from .services import (
    create_briefing,
    import_attendance,
    open_pact,
    sign_close_out,
    sign_pact,
    submit_quiz,
)


@dataclass
class PreventionSummary:
    pacts: int = 0
    signatures: int = 0
    briefings: int = 0
    attendances: int = 0
    close_outs: int = 0


def _officer(role: str, region: Region) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(role=role, region=region).select_related("user").first()
    )
    return assignment.user if assignment is not None else None


def _login_for(asn: Asn) -> User:
    """The ASN's own login, created (without a usable password) if they have none."""
    if asn.user is not None:
        return asn.user
    user = create_user(actor=None, username=f"nip-{asn.nip}", password=None, full_name=asn.name)
    link_asn_user(actor=None, asn=asn, user=user)
    return user


def _sign(pact: Pact, asn: Asn) -> None:
    sign_pact(actor=_login_for(asn), pact=pact, typed_confirmation=asn.name)


def _share(index: int, rng: random.Random) -> float:
    """How much of a unit signs: complete, half-way or lagging, in turn."""
    return (1.0, rng.uniform(0.45, 0.8), rng.uniform(0.0, 0.2))[index % 3]


def seed_prevention(
    *, actor: Any, election: Election, rng: random.Random | None = None
) -> PreventionSummary:
    """Seed pacts, briefings and close-outs for ``election`` once (no-op afterwards)."""
    summary = PreventionSummary()
    region = election.region
    if region is None or Pact.objects.filter(election=election).exists():
        return summary
    rng = rng or random.Random(2024)  # noqa: S311 - demo data, not security
    inspektorat = actor if isinstance(actor, User) else _officer(Role.INSPEKTORAT, region)
    if inspektorat is None:
        raise ValueError(f"Tidak ada pengguna Inspektorat untuk {election.name}.")
    pacts = {
        role: open_pact(actor=inspektorat, election=election, role=role)
        for role in (PactRole.ASN, PactRole.CAMAT, PactRole.LURAH, PactRole.KEPALA_SEKOLAH)
    }
    summary.pacts = len(pacts)

    units = list(
        Unit.objects.filter(within_q([region], "region__code"), is_active=True).order_by("code")
    )
    # Demo logins (the `asn` user) keep their pact unsigned so it can be tried.
    keep_unsigned = set(Asn.objects.filter(user__isnull=False).values_list("pk", flat=True))
    for index, unit in enumerate(units):
        staff = list(unit.staff.filter(is_active=True).order_by("nip"))
        share = _share(index, rng)
        for asn in staff[: round(len(staff) * share)]:
            if asn.pk not in keep_unsigned:
                _sign(pacts[PactRole.ASN], asn)
                summary.signatures += 1
    for role, pact in pacts.items():
        if role == PactRole.ASN:
            continue
        for head in pact.eligible_asn().order_by("nip"):
            if head.pk not in keep_unsigned and rng.random() < 0.7:
                _sign(pact, head)
                summary.signatures += 1

    summary.briefings, summary.attendances = _seed_briefings(
        election=election, region=region, inspektorat=inspektorat, units=units, rng=rng
    )
    for index, unit in enumerate(units):
        unit_head = unit.staff.filter(is_head_of_unit=True, is_active=True).first()
        if unit_head is None or index % 5 == 4:  # a fifth of the units have not closed out
            continue
        if not CloseOut.objects.filter(election=election, unit=unit).exists():
            sign_close_out(actor=_login_for(unit_head), election=election, unit=unit)
            summary.close_outs += 1
    return summary


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=WIB)


def _seed_briefings(
    *,
    election: Election,
    region: Region,
    inspektorat: User,
    units: list[Unit],
    rng: random.Random,
) -> tuple[int, int]:
    lowokwaru = Region.objects.filter(code=f"{region.code}.05").first()
    camat = _officer(Role.CAMAT, lowokwaru) if lowokwaru is not None else None
    by_kind: dict[str, list[Unit]] = {}
    for unit in units:
        by_kind.setdefault(unit.kind, []).append(unit)
    plans: list[tuple[User, Region, str, dt.date, str, str, list[Unit], int]] = [
        (
            inspektorat,
            region,
            "Penguatan netralitas ASN bagi camat dan lurah",
            dt.date(2024, 9, 20),
            "Ruang Rapat Balai Kota Malang",
            "Pj. Wali Kota Malang dan Bawaslu Kota Malang",
            by_kind.get(UnitKind.KECAMATAN, []) + by_kind.get(UnitKind.KELURAHAN, []),
            5,
        ),
        (
            inspektorat,
            region,
            "Apel netralitas ASN Disdikbud dan kepala sekolah",
            dt.date(2024, 10, 1),
            "Halaman Kantor Disdikbud Kota Malang",
            "Sekretaris Dinas Pendidikan dan Kebudayaan",
            [u for u in units if u.code.endswith("disdikbud")] + by_kind.get(UnitKind.SEKOLAH, []),
            0,
        ),
    ]
    if camat is not None and lowokwaru is not None:
        plans.append(
            (
                camat,
                lowokwaru,
                "Sosialisasi boleh dan tidak boleh bagi ASN Kecamatan Lowokwaru",
                dt.date(2024, 10, 8),
                "Aula Kantor Kecamatan Lowokwaru",
                "Bawaslu Kota Malang",
                [u for u in units if lowokwaru.contains(u.region)],
                5,
            )
        )
    attendances = 0
    created = 0
    for organiser, where, title, day, place, speaker, invited, quiz_size in plans:
        if not invited:
            continue
        briefing = create_briefing(
            actor=organiser,
            election=election,
            region=where,
            title=title,
            starts_at=_at(day, 9),
            ends_at=_at(day, 12),
            place=place,
            speaker=speaker,
            units=invited,
            material="Netralitas ASN menurut UU 20/2023 dan SKB 2022: yang boleh dan tidak boleh.",
            quiz_size=quiz_size,
            rng=rng,
        )
        created += 1
        present = [
            asn
            for asn in Asn.objects.filter(unit__in=invited, is_active=True).order_by("nip")
            if rng.random() < 0.7
        ]
        if present:
            result = import_attendance(
                actor=organiser,
                briefing=briefing,
                data=records_to_csv({"nip": asn.nip} for asn in present),
                source_name="daftar-hadir.csv",
            )
            attendances += result.added
        _seed_quiz(briefing, present, rng)
    return created, attendances


def _seed_quiz(briefing: Briefing, present: list[Asn], rng: random.Random) -> None:
    questions = list(briefing.questions.all())
    if not questions:
        return
    signed = set(PactSignature.objects.filter(asn__in=present).values_list("asn_id", flat=True))
    for asn in [a for a in present if a.pk in signed][:20]:
        answers = {}
        for question in questions:
            right = rng.random() < 0.8
            wrong = [c[0] for c in question.choices if c[0] != question.answer]
            answers[str(question.number)] = question.answer if right else rng.choice(wrong)
        submit_quiz(actor=_login_for(asn), briefing=briefing, answers=answers)
