"""Writes to the registry: units, ASN and the social accounts they declare.

Each function is one transaction with one audit event. Creating and updating share
one function per model, keyed by the natural key (unit ``code``, ASN ``nip``), so a
seeding script or a form can call it again with the same key and get an update, not a
duplicate. For thousands of rows at once use :mod:`netra.registry.importing`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.core.audit import record_audit, snapshot
from netra.regions.models import Region

from .models import Asn, SocialAccount, Unit, normalize_handle
from .nip import NipError, parse_nip

UNIT_FIELDS = ("code", "name", "kind", "parent_id", "region_id", "address", "is_active")
ASN_FIELDS = (
    "nip",
    "asn_type",
    "name",
    "gender",
    "birth_date",
    "position",
    "grade",
    "unit_id",
    "is_head_of_unit",
    "is_active",
)


def save_unit(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    region: Region,
    parent: Unit | None = None,
    address: str = "",
    is_active: bool = True,
) -> Unit:
    """Create the unit with this ``code``, or update it if it exists.

    Raises :class:`ValidationError` when a field is invalid or ``parent`` would make
    the unit its own ancestor.
    """
    with transaction.atomic():
        unit = Unit.objects.select_for_update().filter(code=code).first()
        before = snapshot(unit, UNIT_FIELDS) if unit is not None else None
        if unit is None:
            unit = Unit(code=code)
        unit.name = name
        unit.kind = kind
        unit.region = region
        unit.parent = parent
        unit.address = address
        unit.is_active = is_active
        _check_no_parent_cycle(unit)
        unit.full_clean()
        _save_if_changed(actor=actor, obj=unit, before=before, fields=UNIT_FIELDS)
    return unit


def _save_if_changed(
    *, actor: Any, obj: Unit | Asn, before: dict[str, Any] | None, fields: tuple[str, ...]
) -> None:
    """Save and audit ``obj`` unless saving would change nothing (a repeated seed, a re-save)."""
    after = snapshot(obj, fields)
    if before == after:
        return
    obj.save()
    prefix = obj._meta.model_name
    record_audit(
        actor=actor,
        action=f"{prefix}.created" if before is None else f"{prefix}.updated",
        obj=obj,
        before=before,
        after=after,
    )


def _check_no_parent_cycle(unit: Unit) -> None:
    node = unit.parent
    seen: set[int] = set()
    while node is not None:
        if node.code == unit.code or (node.pk is not None and node.pk in seen):
            raise ValidationError({"parent": _("Unit induk tidak boleh unit itu sendiri.")})
        seen.add(node.pk)
        node = node.parent


def save_asn(
    *,
    actor: Any,
    nip: str,
    asn_type: str,
    name: str,
    unit: Unit,
    position: str = "",
    grade: str = "",
    is_head_of_unit: bool = False,
    is_active: bool = True,
) -> Asn:
    """Create the ASN with this NIP, or update the one that has it.

    The NIP may be typed with spaces; birth date and sex are taken from it. Raises
    :class:`ValidationError` naming the field when the NIP or another value is invalid.
    """
    try:
        parsed = parse_nip(nip, asn_type=asn_type)
    except NipError as exc:
        raise ValidationError({"nip": str(exc)}) from exc
    with transaction.atomic():
        asn = Asn.objects.select_for_update().filter(nip=parsed.value).first()
        before = snapshot(asn, ASN_FIELDS) if asn is not None else None
        if asn is None:
            asn = Asn(nip=parsed.value)
        asn.asn_type = asn_type
        asn.name = name.strip()
        asn.unit = unit
        asn.position = position.strip()
        asn.grade = grade.strip()
        asn.is_head_of_unit = is_head_of_unit
        asn.is_active = is_active
        asn.birth_date = parsed.birth_date
        asn.gender = parsed.gender
        asn.full_clean()
        _save_if_changed(actor=actor, obj=asn, before=before, fields=ASN_FIELDS)
    return asn


def declare_social_account(
    *, actor: Any, asn: Asn, platform: str, handle: str, url: str = ""
) -> SocialAccount:
    """Record that ``asn`` says this account is theirs.

    Declaring the same account again updates its URL. An account already declared by
    another ASN is refused with a :class:`ValidationError` on ``handle``.
    """
    clean_handle = normalize_handle(handle)
    with transaction.atomic():
        account = (
            SocialAccount.objects.select_for_update()
            .filter(platform=platform, handle=clean_handle)
            .first()
        )
        if account is not None and account.asn_id != asn.pk:
            raise ValidationError(
                {"handle": _("Akun ini sudah dideklarasikan oleh ASN lain.")},
            )
        created = account is None
        if account is None:
            account = SocialAccount(asn=asn, platform=platform, handle=clean_handle)
        account.url = url.strip()
        account.full_clean()
        account.save()
        record_audit(
            actor=actor,
            action="social_account.declared" if created else "social_account.updated",
            obj=account,
            after={"asn": asn.nip, "platform": platform, "handle": clean_handle, "url": url},
        )
    return account


def withdraw_social_account(*, actor: Any, account: SocialAccount) -> None:
    """Remove a declared account (the audit log keeps what it was)."""
    with transaction.atomic():
        before = {
            "asn": account.asn.nip,
            "platform": account.platform,
            "handle": account.handle,
            "url": account.url,
        }
        record_audit(
            actor=actor,
            action="social_account.withdrawn",
            obj=account,
            before=before,
        )
        account.delete()


def link_asn_user(*, actor: Any, asn: Asn, user: Any) -> Asn:
    """Let ``user`` log in as this ASN (self-service); ``user=None`` unlinks.

    A user already linked to another ASN is refused with a :class:`ValidationError`.
    """
    with transaction.atomic():
        asn = Asn.objects.select_for_update().get(pk=asn.pk)
        if user is not None and Asn.objects.filter(user=user).exclude(pk=asn.pk).exists():
            raise ValidationError({"user": _("Pengguna ini sudah terhubung ke ASN lain.")})
        before = {"user": asn.user.get_username() if asn.user else None}
        asn.user = user
        asn.save(update_fields=["user", "updated_at"])
        record_audit(
            actor=actor,
            action="asn.user_linked" if user is not None else "asn.user_unlinked",
            obj=asn,
            before=before,
            after={"user": user.get_username() if user is not None else None},
        )
    return asn
