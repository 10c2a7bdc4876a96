"""Elections, their stages and the candidate pairs on the ballot."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

# Stage codes other features look up (deadlines, monitoring). Schedules use these slugs.
CAMPAIGN = "kampanye"
QUIET_PERIOD = "masa-tenang"
VOTING = "pemungutan-suara"


class ElectionKind(models.TextChoices):
    PILKADA = "pilkada", _("Pilkada (pemilihan kepala daerah)")
    PEMILU = "pemilu", _("Pemilu (pemilihan umum)")


class Office(models.TextChoices):
    WALIKOTA = "walikota", _("Wali Kota dan Wakil Wali Kota")
    BUPATI = "bupati", _("Bupati dan Wakil Bupati")
    GUBERNUR = "gubernur", _("Gubernur dan Wakil Gubernur")
    PRESIDEN = "presiden", _("Presiden dan Wakil Presiden")
    LEGISLATIF = "legislatif", _("DPR, DPD dan DPRD")


class Election(models.Model):
    slug = models.SlugField(_("kode"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=ElectionKind.choices)
    office = models.CharField(_("jabatan yang dipilih"), max_length=12, choices=Office.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("wilayah"),
        help_text=_("Kosong untuk pemilihan nasional."),
    )
    voting_date = models.DateField(_("hari pemungutan suara"))
    legal_basis = models.CharField(_("dasar jadwal"), max_length=200, blank=True)
    extra_terms = models.JSONField(
        _("istilah pantauan tambahan"),
        default=list,
        blank=True,
        help_text=_("Kata lain yang menandai kampanye pemilihan ini, mis. Pilwali Malang."),
    )

    class Meta:
        ordering = ["-voting_date", "name"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self) -> str:
        return self.name

    def stage(self, code: str) -> Stage | None:
        """The stage with this code (e.g. ``kampanye``), or None if not scheduled."""
        return self.stages.filter(code=code).first()

    def stages_on(self, on_date: dt.date) -> list[Stage]:
        """Every stage running on ``on_date`` (stages may overlap), in schedule order."""
        return list(self.stages.filter(starts_on__lte=on_date, ends_on__gte=on_date))

    def current_stage(self, on_date: dt.date) -> Stage | None:
        """The stage running on ``on_date``; of overlapping stages, the one started last.

        Ties go to the stage listed first: on 27 Nov 2024 that is voting, not the
        counting period that starts the same day.
        """
        running = self.stages_on(on_date)
        if not running:
            return None
        latest_start = max(s.starts_on for s in running)
        return next(s for s in running if s.starts_on == latest_start)

    def is_campaign_period(self, on_date: dt.date) -> bool:
        """True while the official campaign period (stage ``kampanye``) runs."""
        return self.stages.filter(
            code=CAMPAIGN, starts_on__lte=on_date, ends_on__gte=on_date
        ).exists()


class Stage(models.Model):
    """A stage of the official schedule (tahapan), e.g. the campaign period."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="stages", verbose_name=_("pemilihan")
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama tahapan"), max_length=200)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["election", "order", "starts_on"]
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="unique_stage_code"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="stage_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d-%m-%Y} – {self.ends_on:%d-%m-%Y})"


class CandidatePair(models.Model):
    """A pair on the ballot, with everything people call them by."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("pemilihan")
    )
    number = models.PositiveSmallIntegerField(_("nomor urut"))
    head_name = models.CharField(_("nama calon"), max_length=200)
    deputy_name = models.CharField(_("nama calon wakil"), max_length=200, blank=True)
    nicknames = models.JSONField(_("sebutan/akronim"), default=list, blank=True)
    parties = models.JSONField(_("partai pengusung"), default=list, blank=True)
    slogans = models.JSONField(_("slogan/tagline"), default=list, blank=True)
    hashtags = models.JSONField(_("tagar"), default=list, blank=True)
    head_asn = models.ForeignKey(
        "registry.Asn",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("calon adalah ASN/pejabat"),
    )
    deputy_asn = models.ForeignKey(
        "registry.Asn",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("calon wakil adalah ASN/pejabat"),
    )
    is_incumbent = models.BooleanField(
        _("petahana"),
        default=False,
        help_text=_("Calon sedang/baru menjabat kepala daerah atau PPK."),
    )

    class Meta:
        ordering = ["election", "number"]
        verbose_name = _("pasangan calon")
        verbose_name_plural = _("pasangan calon")
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="unique_ballot_number")
        ]

    def __str__(self) -> str:
        names = " – ".join(n for n in (self.head_name, self.deputy_name) if n)
        return f"{self.number:02d}. {names}"
