"""The demo's 41 Kota Malang offices: city OPD, all five kecamatan, kelurahan, schools
and puskesmas. Names follow the real naming patterns; staff sizes are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

from netra.registry.models import UnitKind

KOTA = "35.73"
KECAMATAN = {
    "35.73.01": "Blimbing",
    "35.73.02": "Klojen",
    "35.73.03": "Kedungkandang",
    "35.73.04": "Sukun",
    "35.73.05": "Lowokwaru",
}


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    region: str
    head: str  # the head's position title
    weight: int  # relative staff size
    parent: str = ""


def _opd(code: str, name: str, head: str, weight: int) -> UnitSpec:
    return UnitSpec(f"mlg-{code}", name, UnitKind.OPD, KOTA, head, weight)


OPD = (
    _opd("setda", "Sekretariat Daerah Kota Malang", "Sekretaris Daerah", 80),
    _opd("inspektorat", "Inspektorat Kota Malang", "Inspektur", 45),
    _opd("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM Kota Malang", "Kepala Badan", 50),
    _opd("bakesbangpol", "Badan Kesatuan Bangsa dan Politik Kota Malang", "Kepala Badan", 30),
    _opd("disdikbud", "Dinas Pendidikan dan Kebudayaan Kota Malang", "Kepala Dinas", 90),
    _opd("dinkes", "Dinas Kesehatan Kota Malang", "Kepala Dinas", 70),
    _opd("satpolpp", "Satuan Polisi Pamong Praja Kota Malang", "Kepala Satuan", 100),
    _opd(
        "dispendukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Malang",
        "Kepala Dinas",
        60,
    ),
    _opd("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Malang", "Kepala Dinas", 90),
    _opd("bapenda", "Badan Pendapatan Daerah Kota Malang", "Kepala Badan", 70),
    _opd("dinsos", "Dinas Sosial Kota Malang", "Kepala Dinas", 50),
    _opd("diskominfo", "Dinas Komunikasi dan Informatika Kota Malang", "Kepala Dinas", 45),
)

KANTOR_KECAMATAN = tuple(
    UnitSpec(
        f"mlg-kec-{name.lower()}",
        f"Kantor Kecamatan {name}",
        UnitKind.KECAMATAN,
        code,
        f"Camat {name}",
        35,
    )
    for code, name in KECAMATAN.items()
)

# Two kelurahan offices per kecamatan.
_KELURAHAN = (
    ("35.73.01.1003", "Polowijen"),
    ("35.73.01.1004", "Purwodadi"),
    ("35.73.02.1007", "Kauman"),
    ("35.73.02.1008", "Oro-oro Dowo"),
    ("35.73.03.1005", "Buring"),
    ("35.73.03.1008", "Sawojajar"),
    ("35.73.04.1004", "Bandungrejosari"),
    ("35.73.04.1006", "Tanjungrejo"),
    ("35.73.05.1003", "Tlogomas"),
    ("35.73.05.1004", "Dinoyo"),
)
KANTOR_KELURAHAN = tuple(
    UnitSpec(
        "mlg-kel-" + name.lower().replace(" ", "-"),
        f"Kantor Kelurahan {name}",
        UnitKind.KELURAHAN,
        code,
        f"Lurah {name}",
        12,
        parent="mlg-kec-" + KECAMATAN[code[:8]].lower(),
    )
    for code, name in _KELURAHAN
)

_PUSKESMAS = (
    ("35.73.01.1006", "Pandanwangi"),
    ("35.73.02.1007", "Arjuno"),
    ("35.73.03.1006", "Kedungkandang"),
    ("35.73.04.1004", "Janti"),
    ("35.73.05.1004", "Dinoyo"),
)
PUSKESMAS = tuple(
    UnitSpec(
        f"mlg-pkm-{name.lower()}",
        f"Puskesmas {name}",
        UnitKind.PUSKESMAS,
        code,
        "Kepala Puskesmas",
        45,
        parent="mlg-dinkes",
    )
    for code, name in _PUSKESMAS
)

_SD = (
    ("35.73.01.1003", "Polowijen 1"),
    ("35.73.02.1007", "Kauman 1"),
    ("35.73.03.1008", "Sawojajar 1"),
    ("35.73.04.1006", "Tanjungrejo 1"),
    ("35.73.05.1004", "Dinoyo 1"),
)
_SMP = (
    ("35.73.01", "5"),
    ("35.73.02", "1"),
    ("35.73.03", "10"),
    ("35.73.05", "13"),
)
SCHOOLS = tuple(
    UnitSpec(
        "mlg-sdn-" + name.lower().replace(" ", "-"),
        f"SD Negeri {name} Malang",
        UnitKind.SEKOLAH,
        code,
        "Kepala Sekolah",
        20,
        parent="mlg-disdikbud",
    )
    for code, name in _SD
) + tuple(
    UnitSpec(
        f"mlg-smpn-{number}",
        f"SMP Negeri {number} Malang",
        UnitKind.SEKOLAH,
        code,
        "Kepala Sekolah",
        55,
        parent="mlg-disdikbud",
    )
    for code, number in _SMP
)

UNITS: tuple[UnitSpec, ...] = OPD + KANTOR_KECAMATAN + KANTOR_KELURAHAN + PUSKESMAS + SCHOOLS


def allocate(total: int, specs: tuple[UnitSpec, ...] = UNITS) -> dict[str, int]:
    """Split ``total`` staff over units by weight; every unit gets at least its head."""
    total = max(total, len(specs))
    weights = sum(s.weight for s in specs)
    spare = total - len(specs)
    shares = {s.code: 1 + spare * s.weight // weights for s in specs}
    # Largest remainders first, ties by the fixed unit order: deterministic.
    remainders = sorted(specs, key=lambda s: -(spare * s.weight % weights))
    for spec in remainders[: total - sum(shares.values())]:
        shares[spec.code] += 1
    return shares
