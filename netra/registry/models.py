"""The people and offices being supervised: units, ASN and their declared accounts."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .nip import NipError, parse_nip


class UnitKind(models.TextChoices):
    OPD = "opd", _("Perangkat Daerah (OPD)")
    KECAMATAN = "kecamatan", _("Kantor Kecamatan")
    KELURAHAN = "kelurahan", _("Kantor Kelurahan")
    SEKOLAH = "sekolah", _("Sekolah")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    RSUD = "rsud", _("Rumah Sakit Daerah")
    OTHER = "lainnya", _("Lainnya")


class Unit(models.Model):
    """An office where ASN work: an OPD, a school, a kelurahan office, a puskesmas …"""

    code = models.SlugField(
        _("kode unit"), max_length=50, unique=True, help_text=_("Kode singkat, mis. disdikbud")
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("wilayah"),
        help_text=_("Kota untuk OPD, kecamatan atau kelurahan untuk kantor di wilayah."),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")

    def __str__(self) -> str:
        return self.name


class AsnType(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Asn(models.Model):
    """A civil servant (PNS or PPPK), identified by an 18-digit NIP.

    Birth date and sex are taken from the NIP when it is saved, so they can never
    disagree with it.
    """

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    asn_type = models.CharField(_("jenis ASN"), max_length=4, choices=AsnType.choices)
    name = models.CharField(_("nama"), max_length=200, db_index=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    grade = models.CharField(_("golongan/pangkat"), max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit kerja")
    )
    is_head_of_unit = models.BooleanField(_("kepala unit"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="asn",
        verbose_name=_("akun pengguna"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    def clean(self) -> None:
        try:
            parsed = parse_nip(self.nip, asn_type=self.asn_type)
        except NipError as exc:
            raise ValidationError({"nip": str(exc)}) from exc
        self.nip = parsed.value
        self.birth_date = parsed.birth_date
        self.gender = parsed.gender


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    THREADS = "threads", "Threads"
    WHATSAPP = "whatsapp", _("WhatsApp (grup/kanal)")
    OTHER = "lainnya", _("Lainnya")


_PROFILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|mobile\.)?"
    r"(?:facebook\.com|fb\.com|instagram\.com|x\.com|twitter\.com|tiktok\.com|"
    r"youtube\.com|threads\.net|threads\.com)/+(?:@)?([^/?#]+)",
    re.IGNORECASE,
)
HANDLE_RE = re.compile(r"^[a-z0-9._-]{1,100}$")


def normalize_handle(raw: str) -> str:
    """The stored form of an account name: no ``@``, lower case; a profile URL gives its name."""
    text = raw.strip()
    match = _PROFILE_URL.match(text)
    if match:
        text = match.group(1)
    return text.lstrip("@").lower()


class SocialAccount(models.Model):
    """A social-media account an ASN declared as theirs."""

    asn = models.ForeignKey(
        Asn, on_delete=models.CASCADE, related_name="social_accounts", verbose_name=_("ASN")
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    handle = models.CharField(
        _("nama akun"), max_length=100, help_text=_("Tanpa @, huruf kecil disimpan apa adanya")
    )
    url = models.URLField(_("tautan"), blank=True)
    declared_at = models.DateTimeField(_("dideklarasikan pada"), auto_now_add=True)

    class Meta:
        ordering = ["platform", "handle"]
        verbose_name = _("akun media sosial")
        verbose_name_plural = _("akun media sosial")
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="unique_platform_handle")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.handle = normalize_handle(self.handle)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
