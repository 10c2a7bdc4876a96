"""Demo cases: about 30 reports and findings across every state and kecamatan.

Every case is written through the same services a real officer uses (filing, the
workflow table, the findings ladder), so the demo's audit chain, deadlines and
notifications are what production would produce. The texts are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from netra.accounts.models import Role, RoleAssignment, User
from netra.elections.models import Election
from netra.regions.models import Level as RegionLevel
from netra.regions.models import Region
from netra.registry.models import Asn
from netra.rules.models import ViolationForm

from .models import Case, Decision, IdentityMode, RecommendationTarget, State
from .services import record_finding, set_subjects, submit_report, transition_case
from .workflow import MAIN_PATH

# (violation form, what happened): what a reporter or a lurah would write.
STORIES: tuple[tuple[str, str], ...] = (
    ("D1", "Baliho paslon dipasang di pagar kantor kelurahan oleh staf kelurahan."),
    ("D2", "Seorang guru PNS mengunggah video ajakan memilih paslon di TikTok."),
    ("E4", "ASN dinas menyukai dan membagikan unggahan akun tim pemenangan paslon."),
    ("D4", "Staf kecamatan hadir di kampanye terbuka memakai kaus paslon dan berorasi."),
    ("E5", "Foto kepala sekolah bersama bakal calon dengan gestur jari nomor urut beredar."),
    ("D8", "Lurah mengumpulkan ketua RT dan mengarahkan dukungan ke salah satu paslon."),
    ("D12", "Bantuan sosial dibagikan bersama stiker paslon oleh pegawai dinas sosial."),
    ("D6", "Pegawai puskesmas menjadi admin grup WhatsApp relawan paslon."),
    ("E3", "ASN hadir dalam deklarasi bakal calon dan ikut bersorak mendukung."),
    ("D10", "Pejabat OPD diduga menjadi konsultan tim pemenangan paslon."),
)

# Where each case stops, in order: every state at least twice, selesai four times.
TARGETS: tuple[str, ...] = (
    *MAIN_PATH,
    *MAIN_PATH,
    State.DITOLAK,
    State.DITOLAK,
    State.DIGABUNG,
    State.DIGABUNG,
    State.SELESAI,
    State.SELESAI,
    State.TINDAK_LANJUT,
    State.KAJIAN,
    State.DITERIMA,
    State.TEREGISTRASI,
)


@dataclass(frozen=True)
class Handlers:
    inspektorat: User
    bkn: User | None


def _handler(role: str, election: Election) -> User | None:
    assignments = RoleAssignment.objects.filter(role=role).select_related("user", "region")
    for a in assignments:
        if role == Role.BKN or a.region is None or election.region is None:
            return a.user
        if election.region.code.startswith(a.region.code):
            return a.user
    return None


def _handlers(actor: Any, election: Election) -> Handlers:
    inspektorat = actor if isinstance(actor, User) else _handler(Role.INSPEKTORAT, election)
    if inspektorat is None:
        raise ValueError(
            f"Tidak ada pengguna Inspektorat untuk {election.name}; buat pengguna demo dahulu."
        )
    return Handlers(inspektorat=inspektorat, bkn=_handler(Role.BKN, election))


def _places(election: Election) -> list[list[Region]]:
    """Kelurahan grouped by kecamatan, inside the election's region."""
    assert election.region is not None
    kecamatan = Region.objects.filter(
        level=RegionLevel.KECAMATAN, code__startswith=election.region.code + "."
    ).order_by("code")
    return [list(k.children.order_by("code")) or [k] for k in kecamatan]


def _fields_for(
    state: str, form: ViolationForm, decision: str, rng: random.Random, i: int
) -> dict[str, Any]:
    now = timezone.now()
    proven = decision == Decision.TERBUKTI
    table: dict[str, dict[str, Any]] = {
        State.TEREGISTRASI: {"violation_form": form},
        State.KLARIFIKASI: {
            "hearing_at": now + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 6)),
            "hearing_place": "Ruang rapat Inspektorat",
        },
        State.KAJIAN: {"hearing_record": "Terlapor hadir, didampingi atasan; keterangan dicatat."},
        State.PUTUSAN: {
            "decision": decision,
            "decision_reason": "Bukti foto dan keterangan saksi saling menguatkan."
            if proven
            else "Foto tidak menunjukkan terlapor; saksi tidak mengenali terlapor.",
        },
        State.REKOMENDASI: {
            "recommendation_target": RecommendationTarget.PPK,
            "recommendation": f"Menjatuhkan sanksi sesuai matriks SKB untuk {form.code}.",
        },
        State.SELESAI: {
            "sanction_level": form.sanction_level,
            "sanction_detail": form.sanction_detail or "Sanksi sesuai matriks SKB 2022.",
            "decree_number": f"800/{100 + i}/35.73.401/2024",
            "decree_date": timezone.localdate(),
        }
        if proven
        else {},
    }
    return table.get(state, {})


def _path_to(target: str, decision: str) -> tuple[str, ...]:
    if target in (State.DITOLAK, State.DIGABUNG):
        return (State.DITERIMA,)
    if target == State.SELESAI and decision == Decision.TIDAK_TERBUKTI:
        return (*MAIN_PATH[: MAIN_PATH.index(State.PUTUSAN) + 1], State.SELESAI)
    return MAIN_PATH[: MAIN_PATH.index(State(target)) + 1]


def _walk(
    case: Case, target: str, handlers: Handlers, form: ViolationForm, i: int, rng: random.Random
) -> Case:
    """Move ``case`` along the main path until it reaches ``target``."""
    # Half of the cases that end at a decision or at selesai were not proven.
    decision = (
        Decision.TIDAK_TERBUKTI
        if target in (State.PUTUSAN, State.SELESAI) and i % 2
        else (Decision.TERBUKTI)
    )
    for state in _path_to(target, decision)[1:]:
        actor = handlers.inspektorat
        if state == State.TINDAK_LANJUT and handlers.bkn is not None and i % 2:
            actor = handlers.bkn
        fields = _fields_for(state, form, decision, rng, i)
        case = transition_case(actor=actor, case=case, to_state=state, **fields)
    return case


def seed_cases(
    *,
    actor: Any,
    election: Election,
    count: int = 30,
    rng: random.Random | None = None,
) -> list[Case]:
    """Create ``count`` demo cases for ``election`` unless it already has that many.

    ``actor`` is the Inspektorat user who works them (found for the election's region
    when None). Returns the cases created (none on a second run).
    """
    if election.cases.count() >= count:
        return []
    rng = rng or random.Random(2024)  # noqa: S311 - demo data, not security
    handlers = _handlers(actor, election)
    places = _places(election)
    forms = {f.code: f for f in ViolationForm.objects.all()}
    pairs = list(election.pairs.all())
    created: list[Case] = []
    today = timezone.localdate()
    for i in range(count):
        target = TARGETS[i % len(TARGETS)]
        code, story = STORIES[i % len(STORIES)]
        form = forms[code]
        kelurahan = rng.choice(places[i % len(places)])
        received = timezone.now() - dt.timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 8))
        known_on = min(timezone.localdate(received), today) - dt.timedelta(days=rng.randint(0, 3))
        if i % 3 == 2:
            case = record_finding(
                actor=handlers.inspektorat,
                election=election,
                region=kelurahan,
                summary=story,
                known_on=known_on,
                reported_form=form,
                received_at=received,
            )
        else:
            confidential = i % 3 == 1
            case = submit_report(
                election=election,
                region=kelurahan,
                summary=story,
                known_on=known_on,
                identity_mode=IdentityMode.RAHASIA if confidential else IdentityMode.ANONIM,
                reporter_name="Warga Pelapor (demo)" if confidential else "",
                reporter_phone="0812-0000-0000" if confidential else "",
                place=f"Kelurahan {kelurahan.name}",
                reported_form=form,
                received_at=received,
            ).case
        _name_subject(case, handlers, kelurahan, pairs, rng)
        case = _walk(case, target, handlers, form, i, rng)
        case = _close_off_path(case, target, handlers, created)
        created.append(case)
    own = _finding_by_an_asn(election)
    return [*created, own] if own is not None else created


def _finding_by_an_asn(election: Election) -> Case | None:
    """One finding filed by an ASN login in their own kelurahan, still with the lurah."""
    asn = (
        Asn.objects.filter(user__role_assignments__role=Role.ASN, is_active=True)
        .select_related("user", "unit__region")
        .first()
    )
    if asn is None or asn.user is None:
        return None
    place = asn.unit.region
    if election.region is not None and not place.code.startswith(election.region.code + "."):
        return None
    return record_finding(
        actor=asn.user,
        election=election,
        region=place,
        summary="Rekan guru membagikan brosur paslon di grup WhatsApp wali murid.",
        known_on=timezone.localdate(),
        reported_form=ViolationForm.objects.filter(code="D2").first(),
    )


def _name_subject(
    case: Case, handlers: Handlers, kelurahan: Region, pairs: Sequence[Any], rng: Any
) -> None:
    kecamatan_code = kelurahan.code.rsplit(".", 1)[0]
    staff = list(
        Asn.objects.filter(unit__region__code__startswith=kecamatan_code, is_active=True)[:20]
    )
    if not staff and not pairs:
        return
    subjects = [rng.choice(staff)] if staff else []
    pair = rng.choice(pairs) if pairs else None
    set_subjects(actor=handlers.inspektorat, case=case, subjects=subjects, candidate_pair=pair)


def _close_off_path(case: Case, target: str, handlers: Handlers, earlier: list[Case]) -> Case:
    if target == State.DITOLAK:
        return transition_case(
            actor=handlers.inspektorat,
            case=case,
            to_state=State.DITOLAK,
            closed_reason="Terlapor bukan ASN (relawan swasta); diteruskan ke Bawaslu sebagai "
            "informasi awal.",
        )
    if target == State.DIGABUNG:
        into = next((c for c in earlier if c.state not in (State.DIGABUNG,)), None)
        if into is not None:
            return transition_case(
                actor=handlers.inspektorat, case=case, to_state=State.DIGABUNG, merged_into=into
            )
    return case
