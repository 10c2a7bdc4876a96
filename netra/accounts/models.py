"""Users and the roles that scope what they may see.

A user holds one or more :class:`RoleAssignment` rows. Each names a role and the
region it covers (a kota for the Inspektorat, a kecamatan for a camat, a kelurahan for
a lurah); Bawaslu roles may also be tied to one election. Every selector derives its
filter from these rows, never from ad-hoc flags.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.regions.models import Level


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    INSPEKTORAT = "inspektorat", _("Inspektorat / BKPSDM")
    CAMAT = "camat", _("Camat")
    LURAH = "lurah", _("Lurah")
    BAWASLU = "bawaslu", _("Bawaslu")
    BKN = "bkn", _("BKN")
    ASN = "asn", _("ASN")


# The region level each role must be attached to; None = no region needed.
ROLE_REGION_LEVELS: dict[str, tuple[str, ...] | None] = {
    Role.ADMIN: None,
    Role.INSPEKTORAT: (Level.KOTA, Level.KABUPATEN, Level.PROVINSI),
    Role.CAMAT: (Level.KECAMATAN,),
    Role.LURAH: (Level.KELURAHAN, Level.DESA),
    Role.BAWASLU: (Level.KOTA, Level.KABUPATEN, Level.PROVINSI),
    Role.BKN: None,  # national unless a region is given
    Role.ASN: None,  # sees only their own record
}


class User(AbstractUser):
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: str) -> bool:
        return self.role_assignments.filter(role__in=roles).exists()


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("pengguna")
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wilayah"),
    )
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pemilihan"),
        help_text=_("Untuk Bawaslu: pemilihan yang diawasi."),
    )

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"], name="unique_role_per_region"
            )
        ]

    def __str__(self) -> str:
        where = f" — {self.region}" if self.region_id else ""
        return f"{self.get_role_display()}{where}"

    def clean(self) -> None:
        levels = ROLE_REGION_LEVELS.get(self.role)
        if levels is None:
            return
        if self.region is None:
            raise ValidationError({"region": _("Peran ini harus terikat pada sebuah wilayah.")})
        if self.region.level not in levels:
            raise ValidationError(
                {"region": _("Peran %(role)s harus terikat pada wilayah tingkat %(levels)s.")},
                params={"role": self.get_role_display(), "levels": ", ".join(levels)},
            )


class ApiToken(models.Model):
    """A secret that lets a program (the scanner, a script) use the API as ``user``.

    Only the SHA-256 digest is stored; the token itself is shown once, when issued.
    The token acts with the user's roles, so it sees exactly what the user sees.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("pengguna")
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Untuk apa token ini dipakai."))
    prefix = models.CharField(_("awalan"), max_length=16, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
