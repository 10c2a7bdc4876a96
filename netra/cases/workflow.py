"""The case workflow as one table.

Each entry ``(from_state, to_state) -> Move`` says who may make the move, which fields
must be filled, which deadlines start and stop, and which desk holds the case after it.
:func:`netra.cases.services.transition_case` is the only code that reads this table to
change a state; pages and the API read it to offer the allowed next steps.

The internal-finding ladder (kelurahan → kecamatan → Inspektorat) is the ``LADDER``
below: forwarding, returning and escalation move a case between desks without changing
its state; closing a finding is the ``diterima → ditolak`` move of the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import Role

from .models import Case, Decision, Level, RecommendationTarget, State

# Who works cases end to end (Inspektorat/BKPSDM for the city, Bawaslu for its election).
HANDLERS = frozenset({Role.ADMIN, Role.INSPEKTORAT, Role.BAWASLU})
FIRST_LINE = HANDLERS | {Role.CAMAT}


@dataclass(frozen=True)
class Move:
    roles: frozenset[str]
    label: str | Promise
    requires: tuple[str, ...] = ()
    accepts: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    level: str | Callable[[Case], str] | None = None
    guard: Callable[[Case], str | None] | None = None

    def level_after(self, case: Case) -> str | None:
        return self.level(case) if callable(self.level) else self.level

    @property
    def fields(self) -> tuple[str, ...]:
        return self.requires + self.accepts


def _needs_decision(expected: str) -> Callable[[Case], str | None]:
    def guard(case: Case) -> str | None:
        if case.decision != expected:
            return str(
                _("Langkah ini hanya untuk putusan “%(expected)s”; putusan perkara ini “%(got)s”.")
                % {"expected": Decision(expected).label, "got": case.get_decision_display() or "-"}
            )
        return None

    return guard


def _recommendation_desk(case: Case) -> str:
    return Level.BKN if case.recommendation_target == RecommendationTarget.BKN else Level.PPK


def _not_merged_into_itself(case: Case) -> str | None:
    target = case.merged_into
    if target is None:
        return None
    if target.pk == case.pk:
        return str(_("Perkara tidak dapat digabung ke dirinya sendiri."))
    if target.state == State.DIGABUNG:
        return str(
            _("Perkara %(ref)s sendiri sudah digabung; gabungkan ke perkara induknya.")
            % {"ref": target.reference}
        )
    if target.election_id != case.election_id:
        return str(_("Perkara hanya dapat digabung dengan perkara dari pemilihan yang sama."))
    return None


ALL_DEADLINES = ("*",)

_REJECT = Move(
    roles=FIRST_LINE,
    label=_("Tolak"),
    requires=("closed_reason",),
    stops=ALL_DEADLINES,
)
_MERGE = Move(
    roles=HANDLERS,
    label=_("Gabungkan dengan perkara lain"),
    requires=("merged_into",),
    stops=ALL_DEADLINES,
    guard=_not_merged_into_itself,
)

TRANSITIONS: dict[tuple[str, str], Move] = {
    (State.DITERIMA, State.VERIFIKASI_FORMAL): Move(
        roles=FIRST_LINE, label=_("Mulai verifikasi formal")
    ),
    (State.VERIFIKASI_FORMAL, State.VERIFIKASI_MATERIIL): Move(
        roles=FIRST_LINE, label=_("Lengkap secara formal: verifikasi materiil")
    ),
    (State.VERIFIKASI_MATERIIL, State.TEREGISTRASI): Move(
        roles=HANDLERS,
        label=_("Registrasi"),
        requires=("violation_form",),
        starts=("tindak-lanjut",),
        stops=("kajian-awal", "temuan"),
        level=Level.KOTA,
    ),
    (State.TEREGISTRASI, State.KLARIFIKASI): Move(
        roles=HANDLERS,
        label=_("Undang klarifikasi"),
        requires=("hearing_at",),
        accepts=("hearing_place",),
    ),
    (State.KLARIFIKASI, State.KAJIAN): Move(
        roles=HANDLERS, label=_("Catat berita acara klarifikasi"), requires=("hearing_record",)
    ),
    (State.KAJIAN, State.PUTUSAN): Move(
        roles=HANDLERS,
        label=_("Putuskan"),
        requires=("decision", "decision_reason"),
        accepts=("review",),
    ),
    (State.PUTUSAN, State.REKOMENDASI): Move(
        roles=HANDLERS,
        label=_("Kirim rekomendasi"),
        requires=("recommendation_target", "recommendation"),
        starts=("tindak-lanjut-ppk",),
        stops=("tindak-lanjut", "keterangan-tambahan"),
        level=_recommendation_desk,
        guard=_needs_decision(Decision.TERBUKTI),
    ),
    (State.PUTUSAN, State.SELESAI): Move(
        roles=HANDLERS,
        label=_("Tutup: tidak terbukti"),
        stops=ALL_DEADLINES,
        guard=_needs_decision(Decision.TIDAK_TERBUKTI),
    ),
    (State.REKOMENDASI, State.TINDAK_LANJUT): Move(
        roles=frozenset({Role.ADMIN, Role.INSPEKTORAT, Role.BKN}),
        label=_("PPK menindaklanjuti"),
        level=Level.PPK,
    ),
    (State.TINDAK_LANJUT, State.SELESAI): Move(
        roles=frozenset({Role.ADMIN, Role.INSPEKTORAT}),
        label=_("Catat sanksi dan selesaikan"),
        requires=("sanction_level", "sanction_detail", "decree_number", "decree_date"),
        stops=ALL_DEADLINES,
    ),
    (State.DITERIMA, State.DITOLAK): Move(
        roles=FIRST_LINE | {Role.LURAH},
        label=_("Tutup/tolak dengan alasan"),
        requires=("closed_reason",),
        stops=ALL_DEADLINES,
    ),
    (State.VERIFIKASI_FORMAL, State.DITOLAK): _REJECT,
    (State.VERIFIKASI_MATERIIL, State.DITOLAK): _REJECT,
    (State.DITERIMA, State.DIGABUNG): _MERGE,
    (State.VERIFIKASI_FORMAL, State.DIGABUNG): _MERGE,
    (State.VERIFIKASI_MATERIIL, State.DIGABUNG): _MERGE,
    (State.TEREGISTRASI, State.DIGABUNG): _MERGE,
    (State.KLARIFIKASI, State.DIGABUNG): _MERGE,
    (State.KAJIAN, State.DIGABUNG): _MERGE,
}

# The main path, in order: what the tracking page and the timeline show as progress.
MAIN_PATH = (
    State.DITERIMA,
    State.VERIFIKASI_FORMAL,
    State.VERIFIKASI_MATERIIL,
    State.TEREGISTRASI,
    State.KLARIFIKASI,
    State.KAJIAN,
    State.PUTUSAN,
    State.REKOMENDASI,
    State.TINDAK_LANJUT,
    State.SELESAI,
)

# Deadlines started when a case is received, per source and election kind. Pilkada
# follow-up runs from receipt (UU 1/2015 Pasal 134(5)); Pemilu follow-up from
# registration (UU 7/2017 Pasal 454(7)), with a 2-day initial review before it.
ON_RECEIPT: dict[tuple[str, str], tuple[str, ...]] = {
    ("laporan", "pilkada"): ("tindak-lanjut",),
    ("laporan", "pemilu"): ("kajian-awal",),
    ("temuan", "pilkada"): ("tindak-lanjut",),
    ("temuan", "pemilu"): ("temuan",),
}

# Forwarding and escalation climb this ladder; returning goes one step down.
LADDER = (Level.KELURAHAN, Level.KECAMATAN, Level.KOTA)

# The role that works at each desk (BKPSDM acts for the PPK in the city).
DESK_ROLES: dict[str, str] = {
    Level.KELURAHAN: Role.LURAH,
    Level.KECAMATAN: Role.CAMAT,
    Level.KOTA: Role.INSPEKTORAT,
    Level.BAWASLU: Role.BAWASLU,
    Level.BKN: Role.BKN,
    Level.PPK: Role.INSPEKTORAT,
}


def next_level(level: str) -> str | None:
    """The desk above ``level`` on the ladder, or None at the top or off the ladder."""
    if level not in LADDER:
        return None
    index = LADDER.index(level)
    return LADDER[index + 1] if index + 1 < len(LADDER) else None


def previous_level(level: str) -> str | None:
    if level not in LADDER:
        return None
    index = LADDER.index(level)
    return LADDER[index - 1] if index > 0 else None


def allowed_next(state: str) -> list[str]:
    """States reachable from ``state`` in one move, in table order."""
    return [to for (frm, to) in TRANSITIONS if frm == state]


def move_for(from_state: str, to_state: str) -> Move | None:
    return TRANSITIONS.get((from_state, to_state))
