"""Writes to elections, their schedule and candidate pairs.

Every function takes the acting user first, runs in one transaction and appends an
audit event beside the change. ``actor=None`` is the system itself (seeding, loading
commands); a real user must be allowed to manage the election.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.core.audit import record_audit, snapshot
from netra.regions.models import Region

from .models import VOTING, CandidatePair, Election, Stage
from .schedule_files import Schedule, ScheduleError, load_schedule_file
from .selectors import can_manage_election

_LIST_SPLIT = re.compile(r"[,\n;]")


def clean_terms(values: Iterable[str] | str, *, split_commas: bool = True) -> list[str]:
    """Strip, drop empties and case-insensitive duplicates, keep the first spelling.

    A string is split on new lines (and commas/semicolons unless ``split_commas`` is
    False, for slogans that contain commas).
    """
    if isinstance(values, str):
        values = (_LIST_SPLIT if split_commas else re.compile(r"\n")).split(values)
    cleaned: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = " ".join(str(value).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned


def clean_hashtags(values: Iterable[str] | str) -> list[str]:
    """Hashtags with exactly one leading ``#``.

    "#WALI #MalangBerkelas" on one line is two tags; "#Malang Berkelas" is an error
    (a hashtag has no space, and guessing where it ends would watch the wrong words).
    """
    tags: list[str] = []
    for value in clean_terms(values):
        words = value.split()
        if len(words) > 1 and all(w.startswith("#") for w in words):
            tags.extend("#" + w.lstrip("#") for w in words)
            continue
        tag = "#" + value.lstrip("#").strip()
        if tag == "#" or " " in tag:
            message = _("Tagar '%(tag)s' tidak valid: satu kata tanpa spasi, mis. #MalangBerkelas")
            raise ValidationError({"hashtags": message % {"tag": value}})
        tags.append(tag)
    return clean_terms(t for t in tags if t != "#")


def _require_manager(actor: Any, election: Election | None, region: Region | None) -> None:
    if actor is None:
        return
    if not can_manage_election(actor, election=election, region=region):
        raise PermissionDenied(_("Anda tidak berwenang mengubah pemilihan ini."))


def create_election(
    *,
    actor: Any,
    slug: str,
    name: str,
    kind: str,
    office: str,
    region: Region | None,
    voting_date: dt.date,
    legal_basis: str = "",
    extra_terms: Iterable[str] | str = (),
) -> Election:
    """Register an election (no stages yet; see :func:`apply_schedule`)."""
    _require_manager(actor, None, region)
    with transaction.atomic():
        election = Election(
            slug=slug,
            name=name.strip(),
            kind=kind,
            office=office,
            region=region,
            voting_date=voting_date,
            legal_basis=legal_basis,
            extra_terms=clean_terms(extra_terms),
        )
        election.full_clean()
        election.save()
        record_audit(actor=actor, action="election.created", obj=election, after=snapshot(election))
    return election


def update_election_terms(
    *, actor: Any, election: Election, extra_terms: Iterable[str] | str
) -> Election:
    """Replace the extra watch terms (e.g. "Pilwali Malang") handed to the scanner."""
    _require_manager(actor, election, election.region)
    with transaction.atomic():
        before = {"extra_terms": list(election.extra_terms)}
        election.extra_terms = clean_terms(extra_terms)
        election.save(update_fields=["extra_terms"])
        record_audit(
            actor=actor,
            action="election.terms_updated",
            obj=election,
            before=before,
            after={"extra_terms": election.extra_terms},
        )
    return election


@dataclass
class ScheduleResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def apply_schedule(*, actor: Any, election: Election, schedule: Schedule | str) -> ScheduleResult:
    """Create or update the election's stages from an official schedule.

    Idempotent: applying the same schedule again changes nothing and records no
    event. Stages are matched by code; stages the schedule does not name are kept.
    The election's legal basis and voting date follow the schedule.
    """
    _require_manager(actor, election, election.region)
    if isinstance(schedule, str):
        schedule = load_schedule_file(schedule)
    if schedule.kind != election.kind:
        raise ScheduleError(
            _("Jadwal %(name)s untuk %(kind)s, bukan untuk %(election)s (%(election_kind)s)")
            % {
                "name": schedule.name,
                "kind": schedule.kind,
                "election": election,
                "election_kind": election.kind,
            }
        )
    result = ScheduleResult()
    with transaction.atomic():
        existing = {s.code: s for s in Stage.objects.select_for_update().filter(election=election)}
        for spec in schedule.stages:
            values = {
                "name": spec.name,
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
                "order": spec.order,
            }
            stage = existing.get(spec.code)
            if stage is None:
                Stage.objects.create(election=election, code=spec.code, **values)
                result.created.append(spec.code)
            elif any(getattr(stage, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(stage, key, value)
                stage.save()
                result.updated.append(spec.code)
            else:
                result.unchanged.append(spec.code)
        before = {"legal_basis": election.legal_basis, "voting_date": election.voting_date}
        voting = schedule.stage(VOTING)
        election.legal_basis = schedule.legal_basis
        if voting is not None:
            election.voting_date = voting.starts_on
        election_changed = before != {
            "legal_basis": election.legal_basis,
            "voting_date": election.voting_date,
        }
        if election_changed:
            election.save(update_fields=["legal_basis", "voting_date"])
        if result.changed or election_changed:
            record_audit(
                actor=actor,
                action="election.schedule_applied",
                obj=election,
                before=before,
                after={
                    "schedule": schedule.name,
                    "legal_basis": election.legal_basis,
                    "voting_date": election.voting_date,
                    "created": result.created,
                    "updated": result.updated,
                },
            )
    return result


PAIR_FIELDS = (
    "number",
    "head_name",
    "deputy_name",
    "nicknames",
    "parties",
    "slogans",
    "hashtags",
    "head_asn_id",
    "deputy_asn_id",
    "is_incumbent",
)


def save_candidate_pair(
    *,
    actor: Any,
    election: Election,
    number: int,
    head_name: str,
    deputy_name: str = "",
    nicknames: Iterable[str] | str = (),
    parties: Iterable[str] | str = (),
    slogans: Iterable[str] | str = (),
    hashtags: Iterable[str] | str = (),
    head_asn: Any = None,
    deputy_asn: Any = None,
    is_incumbent: bool = False,
    pair: CandidatePair | None = None,
) -> CandidatePair:
    """Create a candidate pair, or update ``pair``, with every list cleaned.

    The ballot number must be unique within the election; names are required for
    the head (the scanner needs at least one name). Lists are stripped and
    de-duplicated; hashtags get exactly one leading ``#``.
    """
    _require_manager(actor, election, election.region)
    if pair is not None and pair.election_id != election.pk:
        message = _("Pasangan calon ini bukan milik %(election)s")
        raise ValidationError(message % {"election": election})
    head_name = " ".join(head_name.split())
    if not head_name:
        raise ValidationError({"head_name": _("Nama calon wajib diisi.")})
    if not isinstance(number, int) or number < 1:
        raise ValidationError({"number": _("Nomor urut harus bilangan bulat mulai 1.")})
    with transaction.atomic():
        taken = CandidatePair.objects.filter(election=election, number=number)
        if pair is not None:
            taken = taken.exclude(pk=pair.pk)
        if taken.exists():
            message = _("Nomor urut %(number)s sudah dipakai pasangan lain di pemilihan ini.")
            raise ValidationError({"number": message % {"number": number}})
        before = snapshot(pair, PAIR_FIELDS) if pair is not None else None
        target = pair if pair is not None else CandidatePair(election=election)
        target.number = number
        target.head_name = head_name
        target.deputy_name = " ".join(deputy_name.split())
        target.nicknames = clean_terms(nicknames)
        target.parties = clean_terms(parties)
        target.slogans = clean_terms(slogans, split_commas=False)
        target.hashtags = clean_hashtags(hashtags)
        target.head_asn = head_asn
        target.deputy_asn = deputy_asn
        target.is_incumbent = is_incumbent
        target.full_clean()
        target.save()
        after = snapshot(target, PAIR_FIELDS)
        if before != after:
            record_audit(
                actor=actor,
                action="election.pair_created" if before is None else "election.pair_updated",
                obj=target,
                before=before,
                after=after,
            )
    return target
