"""Realistic (East-)Javanese names for synthetic civil servants, built from name parts.

Names in Malang offices are typically one to three parts — a common first name
(Sri, Agus, Budi, Dwi …), sometimes an ordinal-style middle part (Dwi, Tri, Eko),
and a Javanese family-style last name (Santoso, Wahyuni …) — often followed by the
academic degree people use on official letters (S.Pd., S.Kep., Ns., A.Md. …).
"""

from __future__ import annotations

import random

# fmt: off
MALE_FIRST = (
    "Agus", "Budi", "Eko", "Bambang", "Joko", "Heru", "Hadi", "Slamet", "Sugeng", "Wahyu",
    "Teguh", "Arif", "Rudi", "Hendra", "Yudi", "Bayu", "Adi", "Dedi", "Fajar", "Imam",
    "Hari", "Muhammad", "Ahmad", "Rizky", "Dimas", "Ilham", "Yoga", "Aditya", "Rahmat",
    "Puguh", "Totok", "Sutrisno", "Didik", "Anang", "Gatot", "Mochamad", "Andik", "Setyo",
    "Priyo", "Hery", "Yusuf", "Ferry", "Ardi", "Galih", "Rendra", "Krisna", "Bagus", "Wawan",
)
FEMALE_FIRST = (
    "Sri", "Rina", "Endang", "Siti", "Yuni", "Dewi", "Retno", "Ika", "Ani", "Lilik",
    "Indah", "Ratna", "Rini", "Wulan", "Nanik", "Erna", "Kartika", "Diah", "Yuli", "Anik",
    "Fitri", "Novi", "Putri", "Ayu", "Tutik", "Sulastri", "Ninik", "Heni", "Lina", "Umi",
    "Evi", "Eni", "Mega", "Nurul", "Dyah", "Ririn", "Titik", "Yeni", "Amalia", "Devi",
    "Winarti", "Puji", "Sundari", "Rahayu", "Maria", "Desi", "Annisa", "Laila",
)
# Middle parts used by both sexes in East Java ("Dwi" = second child, "Tri" = third).
SHARED_MIDDLE = ("Dwi", "Tri", "Nur", "Puji", "Budi", "Setyo", "Catur", "Eka", "Wahyu")
MALE_MIDDLE = ("Eko", "Agung", "Hadi", "Arief", "Bagus", "Dwi Cahyo", "Yudha", "Prasetya")
FEMALE_MIDDLE = ("Ayu", "Dewi", "Sri", "Ratna", "Kurnia", "Indah", "Nur Aini", "Sekar")
MALE_LAST = (
    "Santoso", "Prasetyo", "Setiawan", "Susanto", "Hidayat", "Wibowo", "Purnomo",
    "Kurniawan", "Nugroho", "Saputra", "Prabowo", "Hartono", "Sutrisno", "Wijaya",
    "Gunawan", "Utomo", "Hermawan", "Sugiarto", "Firmansyah", "Ramadhan", "Suprapto",
    "Mulyono", "Sulistyo", "Wahyudi", "Haryanto", "Riyadi", "Cahyono", "Efendi",
    "Subagyo", "Pramono", "Widodo", "Kusuma", "Budiman", "Syaifuddin", "Hakim",
)
FEMALE_LAST = (
    "Wahyuni", "Lestari", "Rahayu", "Handayani", "Susanti", "Wulandari", "Purwanti",
    "Astuti", "Yuliana", "Kusumawati", "Setyowati", "Sulistyowati", "Ningsih",
    "Rahmawati", "Fitriani", "Anggraini", "Pratiwi", "Maharani", "Permatasari", "Suryani",
    "Indriani", "Hidayati", "Mulyani", "Puspitasari", "Wijayanti", "Utami", "Safitri",
    "Novitasari", "Kurniasari", "Andriani", "Sari", "Yulianti", "Hartini", "Zulaikha",
)
# fmt: on

# Degrees by kind of post; the first matching keyword in the position wins.
DEGREES_BY_KEYWORD = (
    ("Dokter Gigi", ("drg.", "")),
    ("Dokter", ("dr.", "")),
    ("Bidan", ("", "A.Md.Keb.")),
    ("Perawat", ("", "S.Kep., Ns.")),
    ("Apoteker", ("", "S.Farm., Apt.")),
    ("Guru", ("", "S.Pd.")),
    ("Kepala Sekolah", ("", "S.Pd., M.Pd.")),
    ("Kepala Puskesmas", ("dr.", "M.Kes.")),
    ("Auditor", ("", "S.E., Ak.")),
    ("Pranata Komputer", ("", "S.Kom.")),
    ("Nutrisionis", ("", "S.Gz.")),
    ("Sanitarian", ("", "S.KM.")),
)
GENERAL_DEGREES = ("S.E.", "S.H.", "S.Sos.", "S.AP.", "S.IP.", "S.T.", "S.Kom.", "S.Psi.")
MASTER_DEGREES = ("M.Si.", "M.M.", "M.AP.", "M.H.")


def person_name(rng: random.Random, gender: str, *, born: int = 1980) -> str:
    """A bare name (no degree) for ``gender`` ``L`` or ``P``, born in year ``born``."""
    male = gender == "L"
    first = rng.choice(MALE_FIRST if male else FEMALE_FIRST)
    parts = [first]
    roll = rng.random()
    if roll < 0.35:
        middle = rng.choice(SHARED_MIDDLE + (MALE_MIDDLE if male else FEMALE_MIDDLE))
        if middle != first:
            parts.append(middle)
    single_name_share = 0.12 if born < 1975 else 0.02  # common among older Javanese
    if roll < 1 - single_name_share:
        last = rng.choice(MALE_LAST if male else FEMALE_LAST)
        if last not in parts:
            parts.append(last)
    return " ".join(parts)


def with_degree(rng: random.Random, name: str, position: str, *, track: str, senior: bool) -> str:
    """``name`` with the degree someone in ``position`` (on ``track``) plausibly holds."""
    words = f" {position.lower()} "
    for keyword, (prefix, suffix) in DEGREES_BY_KEYWORD:
        if f" {keyword.lower()} " in words:
            full = f"{prefix} {name}".strip()
            return f"{full}, {suffix}" if suffix else full
    lowered = position.lower()
    if "pengadministrasi" in lowered or "pengemudi" in lowered or "pamong praja" in lowered:
        return name if rng.random() < 0.7 else f"{name}, A.Md."
    if track == "terampil":
        return f"{name}, A.Md."
    degree = rng.choice(GENERAL_DEGREES)
    if senior and rng.random() < 0.7:
        degree = f"{degree}, {rng.choice(MASTER_DEGREES)}"
    return f"{name}, {degree}"


def handle_for(name: str, rng: random.Random) -> str:
    """A social-media handle people in Malang might pick, e.g. ``sriwahyuni.mlg``."""
    bare = name.split(",")[0].replace("dr. ", "").replace("drg. ", "")
    parts = [p.lower() for p in bare.split() if p.isalpha()]
    style = rng.randrange(4)
    if style == 0:
        base = "".join(parts)
    elif style == 1:
        base = ".".join(parts[:2])
    elif style == 2:
        base = "_".join(parts[:2])
    else:
        base = parts[0] + parts[-1][:3]
    return base + rng.choice(("", ".mlg", "_malang", str(rng.randint(70, 99))))
