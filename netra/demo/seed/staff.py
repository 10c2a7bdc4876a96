"""Synthetic ASN for the demo units: valid NIPs, names matching the NIP's sex digit,
plausible posts and grades, PNS and PPPK, one head per unit, some declared accounts.

Each person is drawn from a random generator seeded by their unit and index, so the
same command always produces the same people and a second run finds them all present.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from netra.registry.models import AsnType, Platform, UnitKind
from netra.registry.nip import compose_nip, parse_nip

from .names import handle_for, person_name, with_degree
from .units import UnitSpec

REFERENCE = dt.date(2024, 7, 1)  # the data describe the offices as in mid-2024
PPPK_CONTRACT_DIGITS = 21  # digits 13-14 of NI PPPK are not a month (see DOMAIN.md)

# (post, track): track "ahli" (graduate) and "terampil" (diploma) are functional posts
# whose level (Ahli Pertama/Muda/Madya, Terampil/Mahir/Penyelia) follows the grade;
# "pelaksana" is a clerk; "struktural" a managerial post (PNS only).
# fmt: off
POSTS: dict[str, tuple[tuple[str, str], ...]] = {
    UnitKind.OPD: (
        ("Sekretaris", "struktural"), ("Kepala Bidang", "struktural"),
        ("Kepala Subbagian Umum dan Kepegawaian", "struktural"),
        ("Analis Kebijakan", "ahli"), ("Perencana", "ahli"), ("Pranata Komputer", "ahli"),
        ("Analis Keuangan Pusat dan Daerah", "ahli"), ("Arsiparis", "terampil"),
        ("Pranata Keuangan APBN", "terampil"), ("Pengadministrasi Perkantoran", "pelaksana"),
        ("Pengelola Data", "pelaksana"), ("Pengadministrasi Umum", "pelaksana"),
        ("Pengemudi", "pelaksana"),
    ),
    UnitKind.KECAMATAN: (
        ("Sekretaris Kecamatan", "struktural"), ("Kepala Seksi Pemerintahan", "struktural"),
        ("Kepala Seksi Ketenteraman dan Ketertiban Umum", "struktural"),
        ("Kepala Seksi Pemberdayaan Masyarakat", "struktural"),
        ("Analis Kebijakan", "ahli"), ("Pengelola Layanan Kependudukan", "pelaksana"),
        ("Pengadministrasi Perkantoran", "pelaksana"), ("Pengadministrasi Umum", "pelaksana"),
    ),
    UnitKind.KELURAHAN: (
        ("Sekretaris Kelurahan", "struktural"),
        ("Kepala Seksi Pemerintahan dan Pelayanan Publik", "struktural"),
        ("Kepala Seksi Pemberdayaan Masyarakat", "struktural"),
        ("Pengadministrasi Perkantoran", "pelaksana"), ("Pengadministrasi Umum", "pelaksana"),
    ),
    UnitKind.SEKOLAH: (
        ("Guru Kelas", "ahli"), ("Guru Kelas", "ahli"), ("Guru Matematika", "ahli"),
        ("Guru Bahasa Indonesia", "ahli"), ("Guru Pendidikan Agama Islam", "ahli"),
        ("Guru IPA", "ahli"), ("Guru Bahasa Inggris", "ahli"), ("Guru PJOK", "ahli"),
        ("Pustakawan", "terampil"), ("Pengelola Keuangan", "pelaksana"),
    ),
    UnitKind.PUSKESMAS: (
        ("Dokter", "ahli"), ("Dokter Gigi", "ahli"), ("Perawat", "ahli"),
        ("Perawat", "terampil"), ("Bidan", "terampil"), ("Bidan", "terampil"),
        ("Apoteker", "ahli"), ("Nutrisionis", "terampil"), ("Sanitarian", "terampil"),
        ("Pranata Laboratorium Kesehatan", "terampil"), ("Pengadministrasi Umum", "pelaksana"),
    ),
}
# fmt: on
SATPOL_PP_POST = ("Polisi Pamong Praja", "terampil")
AUDITOR_POST = ("Auditor", "ahli")
PPPK_SHARE: dict[str, float] = {UnitKind.SEKOLAH: 0.35, UnitKind.PUSKESMAS: 0.25}  # default 0.08
FEMALE_SHARE: dict[str, float] = {UnitKind.SEKOLAH: 0.65, UnitKind.PUSKESMAS: 0.7}  # default 0.45

GRADES: tuple[str, ...] = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d")
GRADES += ("IV/a", "IV/b", "IV/c")
PANGKAT = {
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
}
# Lowest and highest grade per track; functional levels by grade.
GRADE_RANGE = {
    "ahli": ("III/a", "IV/b"),
    "terampil": ("II/c", "III/d"),
    "pelaksana": ("II/a", "III/b"),
    "struktural": ("III/c", "IV/b"),
}
LEVELS = {
    "ahli": {"III/a": "Ahli Pertama", "III/b": "Ahli Pertama", "III/c": "Ahli Muda",
             "III/d": "Ahli Muda"},  # IV/* → Ahli Madya
    "terampil": {"II/c": "Terampil", "II/d": "Terampil", "III/a": "Mahir", "III/b": "Mahir"},
}  # fmt: skip
PPPK_GRADE = {
    "ahli": ("Ahli Pertama", "IX"),
    "terampil": ("Terampil", "VII"),
    "pelaksana": ("", "V"),
}


@dataclass(frozen=True)
class Person:
    nip: str
    asn_type: str
    name: str
    gender: str
    birth_date: dt.date
    position: str
    grade: str
    unit_code: str
    is_head: bool


def head_title(spec: UnitSpec) -> str:
    if spec.head in ("Kepala Badan", "Kepala Dinas", "Kepala Satuan"):
        return "Kepala " + spec.name.removesuffix(" Kota Malang")
    return spec.head


def _pns_grade(
    rng: random.Random, track: str, appointed: int, *, bounds: tuple[str, str] | None = None
) -> str:
    """A grade that grows about one step per four years of service, within ``bounds``."""
    low, high = bounds or GRADE_RANGE[track]
    start = GRADES.index(low)
    steps = (REFERENCE.year - appointed) // 4 + rng.randint(-1, 0)
    return GRADES[max(start, min(start + steps, GRADES.index(high)))]


def _functional_level(track: str, grade: str) -> str:
    if track == "ahli":
        return LEVELS["ahli"].get(grade, "Ahli Madya")
    if track == "terampil":
        return LEVELS["terampil"].get(grade, "Penyelia")
    return ""


HEAD_GRADES: dict[str, tuple[str, str]] = {
    UnitKind.OPD: ("IV/b", "IV/c"),
    UnitKind.KECAMATAN: ("IV/a", "IV/b"),
    UnitKind.KELURAHAN: ("III/c", "IV/a"),
}
SENIOR_POSTS = ("Sekretaris", "Kepala Bidang")


def make_person(spec: UnitSpec, index: int, used: set[str]) -> Person:
    """Person ``index`` of unit ``spec`` (index 0 is the head); ``used`` avoids NIP clashes."""
    rng = random.Random(f"netra-demo/{spec.code}/{index}")  # noqa: S311 - not security
    head = index == 0
    if head:
        position, track = head_title(spec), "struktural"
    elif spec.code == "mlg-satpolpp" and rng.random() < 0.7:
        position, track = SATPOL_PP_POST
    elif spec.code == "mlg-inspektorat" and rng.random() < 0.6:
        position, track = AUDITOR_POST
    else:
        position, track = rng.choice(POSTS[spec.kind])
    pppk = track != "struktural" and rng.random() < PPPK_SHARE.get(spec.kind, 0.08)
    female = position.startswith("Bidan") or rng.random() < FEMALE_SHARE.get(spec.kind, 0.45)
    gender = "P" if female else "L"
    age = rng.randint(45, 57) if head else rng.randint(24, 57)
    birth = dt.date(REFERENCE.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if pppk:
        appointed = rng.randint(max(2021, birth.year + 20), REFERENCE.year)
        month = PPPK_CONTRACT_DIGITS
        level, pppk_grade = PPPK_GRADE[track]
        grade = f"PPPK golongan {pppk_grade}"
    else:
        earliest = birth.year + (23 if track in ("ahli", "struktural") else 20)
        appointed = rng.randint(earliest, min(earliest + 12, REFERENCE.year - 1))
        month = rng.choice((1, 2, 3, 4, 12)) if rng.random() < 0.6 else rng.randint(1, 12)
        bounds = None
        if head:
            bounds = HEAD_GRADES.get(spec.kind, ("III/d", "IV/b"))
        elif track == "struktural":
            bounds = ("III/d", "IV/b") if position.startswith(SENIOR_POSTS) else ("III/c", "IV/a")
        code = _pns_grade(rng, track, appointed, bounds=bounds)
        level = _functional_level(track, code)
        grade = f"{PANGKAT[code]}, {code}"
    position = f"{position} {level}".strip()
    asn_type = AsnType.PPPK if pppk else AsnType.PNS
    serial = 1
    while True:
        nip = compose_nip(
            birth_date=birth,
            appointed_year=appointed,
            appointed_month=month,
            gender=gender,
            serial=serial,
        )
        if nip not in used:
            break
        serial += 1  # the serial only grows when the first 15 digits collide
    used.add(nip)
    parse_nip(nip, asn_type=asn_type)  # a demo with an invalid NIP is a bug: fail loudly
    bare = person_name(rng, gender, born=birth.year)
    name = with_degree(rng, bare, position, track=track, senior=head or age > 45)
    return Person(nip, asn_type, name, gender, birth, position, grade, spec.code, head)


def people_for(allocation: dict[str, int], specs: tuple[UnitSpec, ...]) -> list[Person]:
    """Everyone in every unit, in a fixed order."""
    used: set[str] = set()
    return [
        make_person(spec, index, used)
        for spec in specs
        for index in range(allocation.get(spec.code, 0))
    ]


PLATFORM_URLS = {
    Platform.INSTAGRAM: "https://www.instagram.com/{}/",
    Platform.FACEBOOK: "https://www.facebook.com/{}",
    Platform.TIKTOK: "https://www.tiktok.com/@{}",
    Platform.X: "https://x.com/{}",
}


def declared_accounts(people: list[Person], share: float = 0.15) -> list[tuple[str, str, str]]:
    """``(nip, platform, handle)`` for the people who declared accounts (about 15 %)."""
    accounts: list[tuple[str, str, str]] = []
    taken: set[tuple[str, str]] = set()
    for person in people:
        rng = random.Random(f"netra-demo/accounts/{person.nip}")  # noqa: S311 - not security
        if rng.random() >= share:
            continue
        platforms = rng.sample(list(PLATFORM_URLS), k=1 if rng.random() < 0.7 else 2)
        for platform in platforms:
            handle = handle_for(person.name, rng)
            while (platform, handle) in taken:
                handle += str(rng.randint(0, 9))
            taken.add((platform, handle))
            accounts.append((person.nip, platform, handle))
    return accounts
