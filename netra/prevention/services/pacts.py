"""Writes for integrity pacts: open, sign, remind."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection, send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.audit import record_audit
from netra.core.context import client_ip
from netra.elections.models import Election
from netra.regions.models import Region
from netra.registry.models import Asn, Unit

from ..codes import compute_code, text_hash
from ..models import Pact, PactSignature, PactTemplate, ReminderBatch
from ..permissions import asn_of, can_open_pact, can_remind
from .common import insert_once

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _plain(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text).casefold().split())


def confirmation_matches(typed: str, name: str) -> bool:
    """The typed confirmation is the signer's full name (case and punctuation ignored)."""
    return bool(_plain(typed)) and _plain(typed) == _plain(name)


def open_pact(*, actor: Any, election: Election, role: str, region: Region | None = None) -> Pact:
    """Open the pact for ``role`` in ``election`` over ``region`` (default: the election's).

    Uses the newest template version for the role; raises :class:`ValidationError`
    if that pact is already open and :class:`PermissionDenied` for other officers.
    """
    region = region or election.region
    if region is None:
        raise ValidationError(
            {"region": _("Pemilihan nasional: pilih wilayah (kota) yang ASN-nya menandatangani.")}
        )
    if not can_open_pact(actor, region):
        raise PermissionDenied(_("Hanya Inspektorat/BKPSDM wilayah ini yang dapat membuka pakta."))
    template = PactTemplate.objects.filter(role=role).order_by("-version").first()
    if template is None:
        raise ValidationError({"role": _("Belum ada templat pakta untuk peran %s.") % role})
    with transaction.atomic():
        if Pact.objects.filter(election=election, region=region, role=role).exists():
            raise ValidationError(
                {"role": _("Pakta untuk peran ini sudah dibuka pada pemilihan dan wilayah ini.")}
            )
        pact = Pact.objects.create(
            election=election, region=region, role=role, template=template, opened_by=actor
        )
        record_audit(
            actor=actor,
            action="pact.opened",
            obj=pact,
            after={
                "election": election.slug,
                "region": region.code,
                "role": role,
                "template_version": template.version,
            },
        )
    return pact


def render_pact_text(pact: Pact, asn: Asn, language: str) -> str:
    """The pact exactly as ``asn`` reads and signs it."""
    return pact.template.body(language).format(
        nama=asn.name,
        nip=asn.nip,
        jabatan=asn.position or "-",
        unit=asn.unit.name,
        pemilihan=pact.election.name,
    )


def signature_content(
    *, pact_id: int, nip: str, hash_of_text: str, signed_at: dt.datetime, confirmation: str
) -> dict[str, object]:
    """What the verification code of a pact signature is computed over."""
    return {
        "doc": "pakta",
        "pact": pact_id,
        "nip": nip,
        "text_hash": hash_of_text,
        "signed_at": signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "confirmation": confirmation,
    }


def sign_pact(
    *, actor: Any, pact: Pact, typed_confirmation: str, language: str = "id"
) -> PactSignature:
    """The logged-in ASN signs ``pact``; the first signature stands.

    A second submit (double click, two tabs, a retry) returns the existing signature:
    the unique (pact, asn) constraint decides, so nothing is ever counted twice.
    """
    asn = asn_of(actor)
    if asn is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data ASN."))
    if not pact.eligible_asn().filter(pk=asn.pk).exists():
        raise PermissionDenied(_("Pakta ini bukan untuk Anda."))
    existing = PactSignature.objects.filter(pact=pact, asn=asn).first()
    if existing is not None:
        return existing
    if not pact.is_open:
        raise ValidationError(_("Pakta ini sudah ditutup."))
    typed = typed_confirmation.strip()
    if not confirmation_matches(typed, asn.name):
        raise ValidationError(
            {
                "typed_confirmation": _(
                    "Ketik nama lengkap Anda persis seperti tercatat: %(name)s."
                )
                % {"name": asn.name}
            }
        )
    language = "en" if language == "en" else "id"
    text = render_pact_text(pact, asn, language)
    signed_at = timezone.now()
    digest = text_hash(text)
    code = compute_code(
        signature_content(
            pact_id=pact.pk,
            nip=asn.nip,
            hash_of_text=digest,
            signed_at=signed_at,
            confirmation=typed,
        )
    )
    with transaction.atomic():
        signature = insert_once(
            PactSignature,
            pact=pact,
            asn=asn,
            unit=asn.unit,
            signed_by=actor,
            signed_at=signed_at,
            language=language,
            text=text,
            text_hash=digest,
            typed_confirmation=typed,
            ip=client_ip(),
            verification_code=code,
        )
        if signature is None:  # another request of the same ASN got there first
            return PactSignature.objects.get(pact=pact, asn=asn)
        record_audit(
            actor=actor,
            action="pact.signed",
            obj=signature,
            after={"pact": pact.pk, "nip": asn.nip, "unit": asn.unit.code, "text_hash": digest},
        )
    return signature


def close_pact(*, actor: Any, pact: Pact) -> Pact:
    """Stop accepting signatures (signatures already made stay valid)."""
    if not can_open_pact(actor, pact.region):
        raise PermissionDenied(_("Hanya Inspektorat/BKPSDM wilayah ini yang dapat menutup pakta."))
    with transaction.atomic():
        pact.is_open = False
        pact.save(update_fields=["is_open"])
        record_audit(actor=actor, action="pact.closed", obj=pact, after={"is_open": False})
    return pact


def send_pact_reminders(
    *,
    actor: Any,
    pact: Pact,
    unit: Unit | None = None,
    region: Region | None = None,
    sign_url: str = "",
) -> ReminderBatch:
    """Remind every unsigned ASN (with a login) of ``unit`` or ``region`` to sign.

    One :class:`ReminderBatch` and one audit event per call; the e-mails (linking to
    ``sign_url``, the absolute address of "Pakta saya") go out after commit through a
    task. The in-app notice is the batch itself (shown on "Pakta saya").
    """
    if (unit is None) == (region is None):
        raise ValidationError(_("Pilih satu unit kerja atau satu wilayah untuk diingatkan."))
    target_region = unit.region if unit is not None else region
    assert target_region is not None
    if not can_remind(actor, target_region):
        raise PermissionDenied(_("Anda tidak berwenang mengingatkan ASN di wilayah ini."))
    if not pact.region.contains(target_region) and not target_region.contains(pact.region):
        raise ValidationError(_("Unit/wilayah ini di luar wilayah pakta."))
    unsigned = pact.eligible_asn().filter(user__isnull=False).exclude(pact_signatures__pact=pact)
    if unit is not None:
        unsigned = unsigned.filter(unit=unit)
    else:
        unsigned = unsigned.filter(unit__region__in=Region.objects.within(target_region))
    with transaction.atomic():
        batch = ReminderBatch.objects.create(pact=pact, unit=unit, region=region, created_by=actor)
        recipients = list(unsigned.values_list("pk", flat=True))
        batch.recipients.add(*recipients)
        record_audit(
            actor=actor,
            action="pact.reminded",
            obj=batch,
            after={
                "pact": pact.pk,
                "unit": unit.code if unit is not None else None,
                "region": region.code if region is not None else None,
                "recipients": len(recipients),
            },
        )
        from ..tasks import deliver_reminders

        batch_id = batch.pk
        transaction.on_commit(
            lambda: deliver_reminders.enqueue(batch_id=batch_id, sign_url=sign_url)
        )
    return batch


def deliver_reminder_batch(*, actor: Any, batch: ReminderBatch, sign_url: str) -> int:
    """Send the e-mails of ``batch`` once; returns how many were sent."""
    if batch.delivered_at is not None:
        return 0
    pact = batch.pact
    subject = _("Pengingat: tanda tangani %(pact)s") % {"pact": pact.template.title_id}
    messages = []
    for asn in batch.recipients.select_related("user").exclude(user__email=""):
        assert asn.user is not None
        body = _(
            "Yth. %(name)s,\n\nAnda belum menandatangani %(pact)s untuk %(election)s.\n"
            "Silakan masuk ke Netra dan tanda tangani di: %(url)s\n\nTerima kasih."
        ) % {
            "name": asn.name,
            "pact": pact.template.title_id,
            "election": pact.election.name,
            "url": sign_url,
        }
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [asn.user.email]))
    sent = send_mass_mail(tuple(messages), fail_silently=False, connection=get_connection())
    with transaction.atomic():
        batch.emailed = sent
        batch.delivered_at = timezone.now()
        batch.save(update_fields=["emailed", "delivered_at"])
        record_audit(
            actor=actor, action="pact.reminders_delivered", obj=batch, after={"emailed": sent}
        )
    return sent
