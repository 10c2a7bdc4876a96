"""The rules, as data: violation forms and legal deadlines.

Loaded from ``catalogue/*.json`` by a data migration and editable in the admin, so a
new guideline or a corrected deadline is a data change, not a code change. Each row
keeps its legal basis and how well that basis was verified.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    ETIKA = "etika", _("Pelanggaran kode etik")
    DISIPLIN = "disiplin", _("Pelanggaran disiplin")


class SanctionLevel(models.TextChoices):
    MORAL = "moral", _("Sanksi moral")
    SEDANG = "sedang", _("Hukuman disiplin sedang")
    BERAT = "berat", _("Hukuman disiplin berat")
    PEMBERHENTIAN = "pemberhentian", _("Pemberhentian tidak dengan hormat")
    DITENTUKAN = "ditentukan", _("Ditentukan oleh Satgas")


class Verification(models.TextChoices):
    PRIMARY = "P", _("Teks resmi dibaca")
    VERIFIED = "V", _("Dua sumber independen")
    SECONDARY = "S", _("Satu sumber sekunder")
    UNVERIFIED = "U", _("Belum terverifikasi")


class ViolationForm(models.Model):
    """One row of the SKB 2022 neutrality matrix (E1–E7 ethics, D1–D13 discipline)."""

    code = models.CharField(_("kode"), max_length=10, unique=True)
    category = models.CharField(_("kategori"), max_length=10, choices=Category.choices)
    title_id = models.CharField(_("bentuk pelanggaran (id)"), max_length=300)
    title_en = models.CharField(_("bentuk pelanggaran (en)"), max_length=300)
    plain_id = models.CharField(
        _("bahasa sehari-hari (id)"), max_length=300, help_text=_("Untuk formulir laporan publik")
    )
    plain_en = models.CharField(_("bahasa sehari-hari (en)"), max_length=300)
    sanction_level = models.CharField(
        _("tingkat sanksi"), max_length=15, choices=SanctionLevel.choices
    )
    sanction_detail = models.TextField(_("rincian sanksi"), blank=True)
    legal_basis = models.TextField(_("dasar hukum"))
    verification = models.CharField(
        _("status verifikasi"), max_length=1, choices=Verification.choices
    )
    examples_id = models.JSONField(_("contoh (id)"), default=list, blank=True)
    examples_en = models.JSONField(_("contoh (en)"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("bentuk pelanggaran")
        verbose_name_plural = _("bentuk pelanggaran")

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_id

    @property
    def plain(self) -> str:
        return self.plain_en if translation.get_language() == "en" else self.plain_id

    @property
    def examples(self) -> list[str]:
        return list(self.examples_en if translation.get_language() == "en" else self.examples_id)


class DayCount(models.TextChoices):
    CALENDAR = "kalender", _("hari kalender")
    WORKING = "kerja", _("hari kerja")


class DeadlineRule(models.Model):
    """A legal time limit, e.g. "report within 7 days of knowing" for a Pilkada.

    ``election_kind`` blank means the rule applies to every kind of election.
    """

    code = models.SlugField(_("kode"), max_length=60)
    election_kind = models.CharField(
        _("jenis pemilihan"),
        max_length=10,
        blank=True,
        choices=[("pilkada", "Pilkada"), ("pemilu", "Pemilu")],
    )
    name_id = models.CharField(_("nama (id)"), max_length=200)
    name_en = models.CharField(_("nama (en)"), max_length=200)
    days = models.PositiveSmallIntegerField(_("jumlah hari"))
    day_count = models.CharField(_("cara hitung"), max_length=8, choices=DayCount.choices)
    starts_from = models.CharField(_("dihitung sejak"), max_length=200)
    legal_basis = models.TextField(_("dasar hukum"))
    verification = models.CharField(
        _("status verifikasi"), max_length=1, choices=Verification.choices
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["election_kind", "code"]
        verbose_name = _("aturan tenggat")
        verbose_name_plural = _("aturan tenggat")
        constraints = [
            models.UniqueConstraint(fields=["code", "election_kind"], name="unique_deadline_rule")
        ]

    def __str__(self) -> str:
        kind = self.election_kind or "semua"
        return f"{self.code} ({kind}): {self.days} {self.get_day_count_display()}"

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_id

    @property
    def is_verified(self) -> bool:
        return self.verification in (Verification.PRIMARY, Verification.VERIFIED)

    @classmethod
    def lookup(cls, code: str, election_kind: str) -> DeadlineRule:
        """The rule for this election kind, falling back to the one for every kind."""
        rule = cls.objects.filter(code=code, election_kind=election_kind).first()
        if rule is None:
            rule = cls.objects.get(code=code, election_kind="")
        return rule
