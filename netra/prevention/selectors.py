"""Reads for prevention, scoped to the user: pacts, coverage, briefings, close-outs.

Coverage is computed by aggregate queries over the ASN a pact asks to sign
(``COUNT`` of those with a signature / ``COUNT`` of all), grouped by unit or by
kecamatan (the first three parts of the unit's region code). Because a signature is
unique per (pact, ASN), concurrent signing can neither double count nor lose one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import region_filter, roles_of, scope_of
from netra.elections.models import Election
from netra.elections.selectors import elections_visible_to
from netra.regions.models import Region
from netra.registry.models import Asn, Unit

from .codes import code_matches, normalize_code
from .models import (
    Attendance,
    Briefing,
    CloseOut,
    Pact,
    PactSignature,
    QuizAttempt,
    eligible_q,
)
from .permissions import asn_of

KECAMATAN_CODE_LENGTH = len("35.73.05")


@dataclass(frozen=True)
class Coverage:
    """``done`` of ``total`` ASN for one unit, kecamatan or the whole scope."""

    key: str
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total

    @property
    def missing(self) -> int:
        return self.total - self.done


# --- pacts --------------------------------------------------------------------------


def pacts_visible_to(user: object) -> QuerySet[Pact]:
    """Pacts of the elections the user sees, over a region overlapping the user's scope."""
    if scope_of(user).nothing and Role.ADMIN not in roles_of(user):
        return Pact.objects.none()
    elections = elections_visible_to(user)
    scope = scope_of(user)
    qs = Pact.objects.filter(election__in=elections)
    if not scope.everywhere:
        overlap = region_filter(user, "region__code")
        for region in scope.regions:
            # A camat sees the pact opened over the whole kota that contains them.
            overlap |= Q(region__code__in=[region.code, *_ancestors(region.code)])
        qs = qs.filter(overlap)
    return qs.select_related("election", "region", "template")


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def pacts_for_signer(user: object) -> list[tuple[Pact, PactSignature | None]]:
    """Open pacts the logged-in ASN is asked to sign, with their signature if made."""
    asn = asn_of(user)
    if asn is None:
        return []
    code = asn.unit.region.code
    pacts = (
        Pact.objects.filter(region__code__in=[code, *_ancestors(code)])
        .select_related("election", "template", "region")
        .order_by("-opened_at")
    )
    signatures = {s.pact_id: s for s in PactSignature.objects.filter(asn=asn)}
    eligible = Asn.objects.filter(pk=asn.pk)
    result = []
    for pact in pacts:
        if not eligible.filter(eligible_q(pact.role)).exists():
            continue
        signature = signatures.get(pact.pk)
        if pact.is_open or signature is not None:
            result.append((pact, signature))
    return result


def _signed(pact: Pact) -> Exists:
    return Exists(PactSignature.objects.filter(pact=pact, asn=OuterRef("pk")))


def _signed_asn(pact: Pact, user: object) -> QuerySet[Asn]:
    return (
        pact.eligible_asn()
        .filter(region_filter(user, "unit__region__code"))
        .annotate(is_done=_signed(pact))
    )


def pact_coverage_total(pact: Pact, user: object) -> Coverage:
    """Signed / asked, over the part of the pact's region the user may see."""
    totals = (
        pact.eligible_asn()
        .filter(region_filter(user, "unit__region__code"))
        .aggregate(total=Count("pk"), done=Count("pk", filter=Q(_signed(pact))))
    )
    return Coverage("", _("Total"), totals["done"], totals["total"])


def pact_coverage_by_unit(pact: Pact, user: object) -> list[Coverage]:
    rows = (
        _signed_asn(pact, user)
        .values("unit__code", "unit__name")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_done=True)))
        .order_by("unit__name")
    )
    return [Coverage(r["unit__code"], r["unit__name"], r["done"], r["total"]) for r in rows]


def pact_coverage_by_kecamatan(pact: Pact, user: object) -> list[Coverage]:
    """Per kecamatan; units placed at kota level (OPD) form their own row."""
    return _by_kecamatan(_signed_asn(pact, user))


def _by_kecamatan(asn: QuerySet[Asn]) -> list[Coverage]:
    rows = (
        asn.annotate(kec=Substr("unit__region__code", 1, KECAMATAN_CODE_LENGTH))
        .values("kec")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_done=True)))
        .order_by("kec")
    )
    names = {r.code: r for r in Region.objects.filter(code__in=[r["kec"] for r in rows])}
    result = []
    for row in rows:
        region = names.get(row["kec"])
        if region is None:
            label = row["kec"]
        elif len(region.code) < KECAMATAN_CODE_LENGTH:
            label = _("%(region)s — unit tingkat kota") % {"region": region.display_name}
        else:
            label = region.display_name
        result.append(Coverage(row["kec"], label, row["done"], row["total"]))
    return result


def unsigned_asn(pact: Pact, user: object, unit: Unit | None = None) -> QuerySet[Asn]:
    qs = (
        pact.eligible_asn()
        .filter(region_filter(user, "unit__region__code"))
        .exclude(pact_signatures__pact=pact)
        .select_related("unit")
    )
    return qs.filter(unit=unit) if unit is not None else qs


def latest_reminder_for(asn: Asn, pact: Pact) -> Any:
    return pact.reminders.filter(recipients=asn).order_by("-created_at").first()


# --- public verification --------------------------------------------------------------


@dataclass(frozen=True)
class Verified:
    """What the public page may show about a valid code: minimal personal data."""

    document: str
    initials: str
    unit: str
    election: str
    signed_at: Any


def initials(name: str) -> str:
    """``"Budi Santoso"`` → ``"B. S."`` (titles after a comma are dropped)."""
    words = [w for w in name.split(",")[0].split() if w[:1].isalpha()]
    return " ".join(f"{w[0].upper()}." for w in words)


def verify_code(raw: str) -> Verified | None:
    """The document behind ``raw`` if the code exists *and* still matches its content."""
    from .services import close_out_content, signature_content

    code = normalize_code(raw)
    if len(code) != 12:
        return None
    signature = (
        PactSignature.objects.select_related("asn", "unit", "pact__election", "pact__template")
        .filter(verification_code=code)
        .first()
    )
    if signature is not None:
        content = signature_content(
            pact_id=signature.pact_id,
            nip=signature.asn.nip,
            hash_of_text=signature.text_hash,
            signed_at=signature.signed_at,
            confirmation=signature.typed_confirmation,
        )
        if not code_matches(code, content) or _text_changed(signature.text, signature.text_hash):
            return None
        return Verified(
            document=signature.pact.template.title,
            initials=initials(signature.asn.name),
            unit=signature.unit.name,
            election=signature.pact.election.name,
            signed_at=signature.signed_at,
        )
    close_out = (
        CloseOut.objects.select_related("head", "unit", "election")
        .filter(verification_code=code)
        .first()
    )
    if close_out is None:
        return None
    content = close_out_content(
        election_slug=close_out.election.slug,
        unit_code=close_out.unit.code,
        nip=close_out.head.nip,
        hash_of_text=close_out.text_hash,
        signed_at=close_out.signed_at,
    )
    if not code_matches(code, content) or _text_changed(close_out.text, close_out.text_hash):
        return None
    return Verified(
        document=_("Pernyataan penutup pemilihan"),
        initials=initials(close_out.head.name),
        unit=close_out.unit.name,
        election=close_out.election.name,
        signed_at=close_out.signed_at,
    )


def _text_changed(text: str, stored_hash: str) -> bool:
    from .codes import text_hash

    return text_hash(text) != stored_hash


# --- briefings ------------------------------------------------------------------------


def briefings_visible_to(user: object) -> QuerySet[Briefing]:
    """Sessions organised in, or inviting units of, the user's area; an ASN sees theirs."""
    q = Q(pk__in=[])
    if not scope_of(user).nothing:
        q = region_filter(user, "region__code") | region_filter(user, "units__region__code")
    asn = asn_of(user)
    if asn is not None:
        q |= Q(units=asn.unit) | Q(attendances__asn=asn)
    pks = Briefing.objects.filter(q).values("pk")
    return Briefing.objects.filter(pk__in=pks).select_related("election", "region")


def briefing_coverage_by_unit(election: Election, user: object) -> list[Coverage]:
    """Per invited unit: active ASN who attended at least one session of ``election``."""
    invited = Unit.objects.filter(briefings__election=election).values("pk")
    asn = (
        Asn.objects.filter(is_active=True, unit__in=invited)
        .filter(region_filter(user, "unit__region__code"))
        .annotate(
            is_done=Exists(
                Attendance.objects.filter(asn=OuterRef("pk"), briefing__election=election)
            )
        )
    )
    rows = (
        asn.values("unit__code", "unit__name")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_done=True)))
        .order_by("unit__name")
    )
    return [Coverage(r["unit__code"], r["unit__name"], r["done"], r["total"]) for r in rows]


def quiz_results(briefing: Briefing) -> QuerySet[QuizAttempt]:
    return briefing.attempts.select_related("asn", "asn__unit").order_by("-score", "asn__name")


# --- close-out --------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRef:
    """The little a close-out statement says about a case: no names, no details."""

    reference: str
    source_label: str
    state_label: str

    def as_dict(self) -> dict[str, str]:
        return {"reference": self.reference, "source": self.source_label, "state": self.state_label}


def unit_cases(*, election: Election, unit: Unit) -> list[CaseRef]:
    """Findings and reports recorded for ``unit`` (or its ASN) in ``election``.

    This is the one read that does not go through the signer's case scope: a statement
    of "nihil" must be impossible while a case exists, whoever signs it. Only the case
    reference, source and state are copied. Rejected and merged cases do not count.
    """
    if not apps.is_installed("netra.cases"):
        return []
    from netra.cases.models import Case, State

    cases = (
        Case.objects.filter(election=election)
        .filter(Q(unit=unit) | Q(subjects__unit=unit))
        .exclude(state__in=[State.DITOLAK, State.DIGABUNG])
        .distinct()
        .order_by("reference")
    )
    return [
        CaseRef(c.reference, str(c.get_source_display()), str(c.get_state_display())) for c in cases
    ]


@dataclass(frozen=True)
class UnitCloseOut:
    unit: Unit
    close_out: CloseOut | None


def close_out_status(election: Election, user: object) -> list[UnitCloseOut]:
    """Every active unit in the user's area, with its statement if signed."""
    units = (
        Unit.objects.filter(is_active=True)
        .filter(region_filter(user, "region__code"))
        .select_related("region")
        .order_by("region__code", "name")
    )
    signed = {
        c.unit_id: c
        for c in CloseOut.objects.filter(election=election, unit__in=units).select_related("head")
    }
    return [UnitCloseOut(unit, signed.get(unit.pk)) for unit in units]


def close_outs_for_head(user: object) -> list[tuple[Election, CloseOut | None]]:
    """For a unit head: the elections over their unit, and their statement if signed."""
    asn = asn_of(user)
    if asn is None or not asn.is_head_of_unit:
        return []
    signed = {c.election_id: c for c in CloseOut.objects.filter(unit=asn.unit)}
    return [(e, signed.get(e.pk)) for e in elections_visible_to(user)]
