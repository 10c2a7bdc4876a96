"""Every write to cases: filing, findings, workflow moves, assignment and notes.

Each service takes ``actor`` first (``None`` for the public reporter and for the
system), runs in one transaction, records an audit event on the case and sends
notifications only after commit. Moves between states follow
:data:`netra.cases.workflow.TRANSITIONS`; nothing else changes ``Case.state``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.accounts.scoping import assignments_of
from netra.core.audit import record_audit, snapshot
from netra.elections.models import Election
from netra.regions.models import Level as RegionLevel
from netra.regions.models import Region
from netra.registry.models import Asn, Unit
from netra.rules.models import DeadlineRule, ViolationForm

from . import deadlines, notify
from .models import (
    TERMINAL_STATES,
    Case,
    CaseNote,
    CaseStateChange,
    IdentityMode,
    Level,
    Report,
    Source,
    State,
)
from .selectors import acting_roles, case_filter, region_within
from .tracking import new_pin, new_tracking_code
from .workflow import ALL_DEADLINES, LADDER, ON_RECEIPT, allowed_next, move_for


class CaseError(ValueError):
    """A refused write; ``code`` is stable for the API, the message is for people."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class IllegalTransition(CaseError):
    """A move the workflow table does not allow (or not for this user, or incomplete)."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        from_state: str,
        to_state: str,
        fields: Sequence[str] = (),
    ) -> None:
        super().__init__(message, code=code)
        self.from_state = from_state
        self.to_state = to_state
        self.allowed = allowed_next(from_state)
        self.fields = tuple(fields)


@dataclass(frozen=True)
class FiledReport:
    """What the reporter gets back once: the PIN is never stored in clear."""

    case: Case
    tracking_code: str
    pin: str


def _label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def _audit_case(actor: Any, action: str, case: Case, **extra: Any) -> None:
    before = extra.pop("before", None)
    after = extra.pop("after", None) or {}
    record_audit(
        actor=actor, action=action, obj=case, before=before, after={"case": case.pk, **after}
    )


def _save_new(case: Case) -> None:
    """Save a new case under the next free reference; retried if a parallel filing won."""
    for _attempt in range(5):
        case.reference = _next_reference(case.received_at.year)
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            case.pk = None
    raise CaseError(_("Nomor perkara bentrok; coba lagi."), code="reference_conflict")


def _next_reference(year: int) -> str:
    prefix = f"NTR-{year}-"
    last = (
        Case.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:05d}"


def _lowest_desk(region: Region) -> str:
    if region.level in (RegionLevel.KELURAHAN, RegionLevel.DESA):
        return Level.KELURAHAN
    if region.level == RegionLevel.KECAMATAN:
        return Level.KECAMATAN
    return Level.KOTA


def _check_region_in_election(election: Election, region: Region) -> None:
    if election.region_id is None:
        return
    assert election.region is not None
    if not region_within(region.code, election.region.code):
        raise CaseError(
            _("Wilayah %(region)s berada di luar wilayah %(election)s.")
            % {"region": region.name, "election": election.name},
            code="region_outside_election",
        )


def compute_flags(case: Case) -> tuple[bool, bool]:
    """``(ppk_conflict, touches_incumbent)`` for ``case`` from the election's pairs.

    The PPK of a city is its head (or the Pj). When an incumbent runs in a local
    election covering the case and is still in office, the PPK who must sanction is
    himself a candidate. A Pj who resigned from the civil service to run (his ASN
    record inactive) has handed the post over, so no conflict is flagged for him. A
    case touches the incumbent when it favours an incumbent pair or names one of its
    candidates as the ASN concerned.
    """
    election = case.election
    incumbents = list(election.pairs.filter(is_incumbent=True).select_related("head_asn"))
    if not incumbents:
        return False, False
    local = election.office in ("walikota", "bupati", "gubernur")
    covers = election.region is None or region_within(case.region.code, election.region.code)
    in_office = any(p.head_asn is None or p.head_asn.is_active for p in incumbents)
    subject_ids = set(case.subjects.values_list("pk", flat=True)) if case.pk else set()
    touches = any(
        case.candidate_pair_id == p.pk or {p.head_asn_id, p.deputy_asn_id} & subject_ids
        for p in incumbents
    )
    return (local and covers and in_office), touches


def _refresh_flags(case: Case) -> None:
    case.ppk_conflict, case.touches_incumbent = compute_flags(case)


def _start_on_receipt(case: Case) -> None:
    received = timezone.localdate(case.received_at)
    for code in ON_RECEIPT.get((case.source, case.election.kind), ()):
        start = case.known_on if code == "temuan" else received
        deadlines.start(case=case, codes=(code,), start_on=start)


def _late_report(election: Election, known_on: dt.date, received_on: dt.date) -> bool:
    from netra.core.calendar import due_date

    rule = DeadlineRule.objects.filter(code="lapor", election_kind=election.kind).first()
    return rule is not None and received_on > due_date(rule, known_on)


def _new_case(
    *,
    place: str,
    subject_text: str,
    summary: str,
    links: Sequence[str],
    **fields: Any,
) -> Case:
    """An unsaved case in ``diterima`` with its free text tidied."""
    return Case(
        state=State.DITERIMA,
        place=place.strip(),
        subject_text=subject_text.strip(),
        summary=summary.strip(),
        links=[link.strip() for link in links if link.strip()],
        **fields,
    )


def _receive(*, actor: Any, case: Case, action: str, **audit_extra: Any) -> None:
    """What every new case gets: its first status, its deadlines, an audit event, a notice."""
    CaseStateChange.objects.create(
        case=case,
        from_state="",
        to_state=State.DITERIMA,
        changed_at=case.received_at,
        actor=actor if isinstance(actor, User) else None,
    )
    _start_on_receipt(case)
    _audit_case(actor, action, case, after={**snapshot(case), **audit_extra})
    case_id = case.pk
    transaction.on_commit(lambda: notify.case_received(case_id))


def submit_report(
    *,
    actor: Any = None,
    election: Election,
    region: Region,
    summary: str,
    known_on: dt.date,
    identity_mode: str,
    occurred_on: dt.date | None = None,
    place: str = "",
    subject_text: str = "",
    reported_form: ViolationForm | None = None,
    unit: Unit | None = None,
    links: Sequence[str] = (),
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    reporter_address: str = "",
    received_at: dt.datetime | None = None,
) -> FiledReport:
    """File a public report (laporan) and return its tracking code and PIN, once.

    An anonymous report keeps no identity even if some was typed; a confidential one
    needs at least a name and a way to reach the reporter, stored encrypted.
    """
    if identity_mode not in IdentityMode.values:
        raise CaseError(_("Pilih anonim atau rahasia."), code="identity_mode")
    if identity_mode == IdentityMode.ANONIM:
        reporter_name = reporter_phone = reporter_email = reporter_address = ""
    elif not reporter_name.strip() or not (reporter_phone.strip() or reporter_email.strip()):
        raise CaseError(
            _("Laporan rahasia memerlukan nama dan nomor telepon atau email pelapor."),
            code="identity_missing",
        )
    if not summary.strip():
        raise CaseError(_("Uraian kejadian wajib diisi."), code="summary_missing")
    _check_region_in_election(election, region)
    received_at = received_at or timezone.now()
    if known_on > timezone.localdate(received_at):
        raise CaseError(
            _("Tanggal diketahui (%(date)s) tidak boleh setelah hari ini.")
            % {"date": known_on.strftime("%d-%m-%Y")},
            code="known_on_future",
        )
    pin = new_pin()
    with transaction.atomic():
        case = _new_case(
            source=Source.LAPORAN,
            election=election,
            level=max(_lowest_desk(region), Level.KECAMATAN, key=_ladder_rank),
            region=region,
            unit=unit,
            place=place,
            subject_text=subject_text,
            reported_form=reported_form,
            occurred_on=occurred_on,
            known_on=known_on,
            received_at=received_at,
            summary=summary,
            links=links,
            reported_late=_late_report(election, known_on, timezone.localdate(received_at)),
        )
        _refresh_flags(case)
        _save_new(case)
        report = _create_report(
            case=case,
            identity_mode=identity_mode,
            name=reporter_name,
            phone=reporter_phone,
            email=reporter_email,
            address=reporter_address,
            pin=pin,
        )
        _receive(actor=actor, case=case, action="case.reported", identity_mode=identity_mode)
    return FiledReport(case=case, tracking_code=report.tracking_code, pin=pin)


def _create_report(
    *, case: Case, identity_mode: str, name: str, phone: str, email: str, address: str, pin: str
) -> Report:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Report.objects.create(
                    case=case,
                    identity_mode=identity_mode,
                    reporter_name=name.strip(),
                    reporter_phone=phone.strip(),
                    reporter_email=email.strip(),
                    reporter_address=address.strip(),
                    tracking_code=new_tracking_code(),
                    pin_hash=make_password(pin),
                )
        except IntegrityError:  # a tracking-code collision: ~2^-50, but never crash
            continue
    raise CaseError(_("Gagal membuat kode pelacakan; coba lagi."), code="tracking_code")


def _ladder_rank(level: str) -> int:
    return LADDER.index(level) if level in LADDER else len(LADDER)


_OWN_DESK: dict[str, int] = {Role.LURAH: 0, Role.CAMAT: 1, Role.INSPEKTORAT: 2}


def _finding_desk(actor: Any, region: Region) -> str:
    """Where a new finding starts: the lowest desk of the place, never below the filer."""
    place = _ladder_rank(_lowest_desk(region))
    ranks = [2] if getattr(actor, "is_superuser", False) else []
    for a in assignments_of(actor):
        if a.role == Role.ADMIN:
            ranks.append(2)
        elif a.role == Role.ASN:
            asn = Asn.objects.filter(user=actor).select_related("unit__region").first()
            if asn is not None and region_within(region.code, asn.unit.region.code):
                ranks.append(place)
        elif (
            a.role in _OWN_DESK
            and a.region is not None
            and region_within(region.code, a.region.code)
        ):
            ranks.append(max(_OWN_DESK[a.role], place))
    if not ranks:
        raise CaseError(
            _("Anda hanya dapat mencatat temuan di wilayah kerja Anda; %(region)s di luarnya.")
            % {"region": region.name},
            code="finding_out_of_area",
        )
    return LADDER[max(ranks)]


def record_finding(
    *,
    actor: User,
    election: Election,
    region: Region,
    summary: str,
    known_on: dt.date,
    occurred_on: dt.date | None = None,
    place: str = "",
    subjects: Iterable[Asn] = (),
    subject_text: str = "",
    reported_form: ViolationForm | None = None,
    unit: Unit | None = None,
    candidate_pair: Any = None,
    links: Sequence[str] = (),
    received_at: dt.datetime | None = None,
) -> Case:
    """Record an internal finding (temuan) by an ASN, lurah, camat or the Inspektorat.

    It starts at the lowest desk of the place (the lurah of that kelurahan) unless the
    filer sits higher, and climbs with :func:`forward_finding`.
    """
    if not summary.strip():
        raise CaseError(_("Uraian temuan wajib diisi."), code="summary_missing")
    _check_region_in_election(election, region)
    desk = _finding_desk(actor, region)
    received_at = received_at or timezone.now()
    subjects = list(subjects)
    with transaction.atomic():
        case = _new_case(
            source=Source.TEMUAN,
            election=election,
            level=desk,
            filed_by=actor,
            region=region,
            unit=unit,
            place=place,
            subject_text=subject_text,
            reported_form=reported_form,
            candidate_pair=candidate_pair,
            occurred_on=occurred_on,
            known_on=known_on,
            received_at=received_at,
            summary=summary,
            links=links,
        )
        _save_new(case)
        case.subjects.set(subjects)
        _refresh_flags(case)
        case.save(update_fields=["ppk_conflict", "touches_incumbent"])
        _receive(
            actor=actor,
            case=case,
            action="case.finding_recorded",
            subjects=[subject.pk for subject in subjects],
        )
    return case


def _field_label(name: str) -> str:
    return str(getattr(Case._meta.get_field(name), "verbose_name", name))


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse(case_state: str, to_state: str, message: str, code: str, **kw: Any) -> None:
    raise IllegalTransition(message, code=code, from_state=case_state, to_state=to_state, **kw)


def transition_case(
    *, actor: Any, case: Case, to_state: str, note: str = "", **fields: Any
) -> Case:
    """Move ``case`` to ``to_state`` if the workflow table allows it for ``actor``.

    ``fields`` are the values the move asks for (e.g. ``decision``, ``closed_reason``);
    deadlines start and stop as the table says. Raises :class:`IllegalTransition`
    naming both states and the allowed next states.
    """
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("election", "region").get(pk=case.pk)
        from_state = case.state
        move = move_for(from_state, to_state)
        if move is None:
            allowed = ", ".join(_label(s) for s in allowed_next(from_state)) or _("tidak ada")
            _refuse(
                from_state,
                to_state,
                _(
                    "Perkara %(ref)s tidak dapat dipindah dari “%(from)s” ke “%(to)s”. "
                    "Langkah yang diizinkan dari “%(from)s”: %(allowed)s."
                )
                % {
                    "ref": case.reference,
                    "from": _label(from_state),
                    "to": _label(to_state),
                    "allowed": allowed,
                },
                "illegal_transition",
            )
        assert move is not None
        roles = acting_roles(actor, case)
        if not roles & move.roles:
            _refuse(
                from_state,
                to_state,
                _(
                    "Anda tidak berwenang memindah perkara %(ref)s dari “%(from)s” ke "
                    "“%(to)s”; langkah ini untuk: %(roles)s."
                )
                % {
                    "ref": case.reference,
                    "from": _label(from_state),
                    "to": _label(to_state),
                    "roles": ", ".join(sorted(str(Role(r).label) for r in move.roles)),
                },
                "forbidden",
            )
        unexpected = sorted(set(fields) - set(move.fields))
        if unexpected:
            _refuse(
                from_state,
                to_state,
                _("Isian %(fields)s tidak dipakai pada langkah ke “%(to)s”.")
                % {"fields": ", ".join(unexpected), "to": _label(to_state)},
                "unexpected_field",
                fields=unexpected,
            )
        before = snapshot(case)
        for name, value in fields.items():
            setattr(case, name, value.strip() if isinstance(value, str) else value)
        missing = [name for name in move.requires if _is_empty(getattr(case, name))]
        if missing:
            labels = [_field_label(n) for n in missing]
            _refuse(
                from_state,
                to_state,
                _("Untuk pindah ke “%(to)s”, isi dahulu: %(fields)s.")
                % {"to": _label(to_state), "fields": ", ".join(labels)},
                "missing_field",
                fields=missing,
            )
        _validate_fields(case, from_state, to_state, list(move.fields))
        if to_state == State.DIGABUNG:
            _check_merge_target(actor, case)
        problem = move.guard(case) if move.guard is not None else None
        if problem:
            _refuse(from_state, to_state, problem, "precondition")
        now = timezone.now()
        case.state = to_state
        case.level = move.level_after(case) or case.level
        if to_state in TERMINAL_STATES:
            case.closed_at = now
            if to_state == State.SELESAI and not case.closed_reason:
                case.closed_reason = case.decision_reason
        case.save()
        CaseStateChange.objects.create(
            case=case,
            from_state=from_state,
            to_state=to_state,
            changed_at=now,
            actor=actor,
            note=note.strip(),
        )
        if move.stops == ALL_DEADLINES:
            deadlines.stop(case=case, codes=None, at=now)
        else:
            deadlines.stop(case=case, codes=move.stops, at=now)
        deadlines.start(case=case, codes=move.starts, start_on=timezone.localdate(now))
        if note.strip():
            CaseNote.objects.create(case=case, author=actor, body=note.strip())
        changed = {k: v for k, v in snapshot(case).items() if before.get(k) != v}
        _audit_case(
            actor,
            "case.transitioned",
            case,
            before={k: before.get(k) for k in changed},
            after={**changed, "from_state": from_state, "to_state": to_state, "note": note},
        )
        case_id, actor_id = case.pk, getattr(actor, "pk", None)
        transaction.on_commit(
            lambda: notify.case_transitioned(case_id, from_state, to_state, actor_id)
        )
    return case


def _validate_fields(case: Case, from_state: str, to_state: str, names: list[str]) -> None:
    attnames = {Case._meta.get_field(n).name for n in names}
    exclude = [f.name for f in Case._meta.concrete_fields if f.name not in attnames]
    try:
        case.clean_fields(exclude=exclude)
    except ValidationError as exc:
        messages = "; ".join(
            f"{_field_label(name)}: {' '.join(errs)}" for name, errs in exc.message_dict.items()
        )
        _refuse(
            from_state,
            to_state,
            _("Isian tidak valid — %(errors)s") % {"errors": messages},
            "invalid_field",
            fields=list(exc.message_dict),
        )


def _check_merge_target(actor: Any, case: Case) -> None:
    target = case.merged_into
    if target is not None and not Case.objects.filter(case_filter(actor), pk=target.pk).exists():
        _refuse(
            case.state,
            State.DIGABUNG,
            _("Perkara tujuan penggabungan tidak ditemukan atau di luar wewenang Anda."),
            "invalid_field",
            fields=["merged_into"],
        )


# The desk services live in their own module; callers import everything from here.
from .desk import (  # noqa: E402
    add_note,
    add_reporter_information,
    assign_case,
    attach_evidence,
    close_finding,
    escalate_case,
    forward_finding,
    request_information,
    return_finding,
    set_subjects,
)

__all__ = [
    "CaseError",
    "FiledReport",
    "IllegalTransition",
    "add_note",
    "add_reporter_information",
    "assign_case",
    "attach_evidence",
    "close_finding",
    "compute_flags",
    "escalate_case",
    "forward_finding",
    "record_finding",
    "request_information",
    "return_finding",
    "set_subjects",
    "submit_report",
    "transition_case",
]
