"""Administrative regions keyed by their Kemendagri codes.

Codes are hierarchical (``35`` provinsi, ``35.73`` kota, ``35.73.05`` kecamatan,
``35.73.05.1012`` kelurahan), so "this region and everything inside it" is a prefix
query on ``code``; no tree table or recursive query is needed.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KOTA = "kota", _("Kota")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")


# The number of dot-separated parts a code has at each level.
CODE_PARTS = {
    Level.PROVINSI: 1,
    Level.KOTA: 2,
    Level.KABUPATEN: 2,
    Level.KECAMATAN: 3,
    Level.KELURAHAN: 4,
    Level.DESA: 4,
}


def validate_code(code: str) -> None:
    if not CODE_RE.match(code):
        raise ValidationError(
            _("Kode wilayah %(code)s tidak valid; contoh yang benar: 35.73.05.1012"),
            params={"code": code},
        )


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, *regions: Region) -> RegionQuerySet:
        """Regions equal to or inside any of ``regions``."""
        return self.filter(within_q(regions, "code"))


def within_q(regions: object, field: str) -> Q:
    """A Q matching rows whose region code ``field`` is inside any of ``regions``.

    ``field`` is a lookup path ending at a code, e.g. ``"region__code"``.
    """
    q = Q(pk__in=[])
    for region in regions:  # type: ignore[attr-defined]
        code = region.code
        q |= Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    return q


class Region(models.Model):
    code = models.CharField(
        _("kode Kemendagri"), max_length=13, unique=True, validators=[validate_code]
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    name = models.CharField(_("nama"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.level in (Level.KOTA, Level.KABUPATEN) and self.name.lower().startswith(
            ("kota", "kabupaten")
        ):
            return self.name
        return f"{self.get_level_display()} {self.name}"

    def clean(self) -> None:
        validate_code(self.code)
        expected = CODE_PARTS[Level(self.level)]
        if self.code.count(".") + 1 != expected:
            raise ValidationError(
                {"code": _("Kode %(code)s bukan kode tingkat %(level)s")},
                params={"code": self.code, "level": self.get_level_display()},
            )
        if self.parent is not None and not self.code.startswith(f"{self.parent.code}."):
            raise ValidationError({"parent": _("Kode wilayah harus diawali kode induknya")})

    def contains(self, other: Region) -> bool:
        return other.code == self.code or other.code.startswith(f"{self.code}.")

    def ancestors(self) -> list[Region]:
        """From the root down to this region's parent."""
        chain: list[Region] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))
