"""Cross-cutting records: the tamper-evident audit log.

Every service appends one :class:`AuditEvent` inside its own transaction. Events form a
hash chain: each stores the SHA-256 of its own canonical content, which includes the
previous event's hash, so editing or deleting any row breaks every later link
(``netra manage verify_audit`` finds the first broken one).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditChainHead(models.Model):
    """The single row that serialises appends to the chain (locked FOR UPDATE)."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"


class AuditEvent(models.Model):
    """One thing somebody did, as it was when they did it.

    The actor is stored by id and label rather than by foreign key so that deleting or
    renaming a user never rewrites history.
    """

    seq = models.BigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(editable=False, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    actor_label = models.CharField(max_length=200, blank=True, editable=False)
    action = models.CharField(max_length=100, editable=False, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    object_repr = models.CharField(max_length=300, blank=True, editable=False)
    before = models.JSONField(null=True, blank=True, editable=False)
    after = models.JSONField(null=True, blank=True, editable=False)
    ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def canonical(self) -> dict[str, Any]:
        """The content covered by the hash, in a form that survives a database round trip."""
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        payload = json.dumps(
            self.canonical(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class DayKind(models.TextChoices):
    LIBUR = "libur", _("Hari libur nasional/tambahan")
    CUTI_BERSAMA = "cuti-bersama", _("Cuti bersama")
    MASUK = "masuk", _("Hari kerja (mengganti kalender libur)")


class NonWorkingDay(models.Model):
    """A day the national holiday table does not know, or knows wrongly.

    Working-day maths merges the ``holidays`` package (Indonesia) with these rows:
    cuti bersama and extra holidays (e.g. voting days) from the yearly SKB, and
    ``masuk`` rows that turn a package holiday back into a working day when the
    government moves an Islamic date. Editable in the admin, seeded for 2024–2025.
    """

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=DayKind.choices)
    name = models.CharField(_("keterangan"), max_length=200)
    legal_basis = models.CharField(_("dasar"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur/cuti bersama")
        verbose_name_plural = _("hari libur/cuti bersama")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_kind_display()}: {self.name}"
