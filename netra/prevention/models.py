"""Prevention: integrity pacts, briefings and the zero-violation close-out.

- :class:`Pact` (pakta integritas): for one election and one role (ASN, school head,
  lurah, camat) the ASN of a region sign a pledge to stay neutral. Each
  :class:`PactSignature` keeps the exact text signed, its hash, the typed confirmation
  and a short verification code anyone can check on the public page.
- :class:`Briefing` (sosialisasi): a session on what ASN may and may not do, with
  :class:`Attendance` recorded once per ASN and an optional quiz drawn from the rule
  catalogue.
- :class:`CloseOut` (pernyataan nihil pelanggaran): after the election the head of each
  unit states that the unit had no findings or reports, or lists them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from netra.registry.models import Asn, UnitKind

from .codes import format_code


def _in_language(id_text: str, en_text: str) -> str:
    return en_text if translation.get_language() == "en" and en_text else id_text


class PactRole(models.TextChoices):
    ASN = "asn", _("ASN")
    KEPALA_SEKOLAH = "kepala-sekolah", _("Kepala sekolah")
    LURAH = "lurah", _("Lurah")
    CAMAT = "camat", _("Camat")


# Which heads a role-specific pact is for; the general ASN pact is for every ASN.
ROLE_HEAD_OF_KIND: dict[str, str] = {
    PactRole.KEPALA_SEKOLAH: UnitKind.SEKOLAH,
    PactRole.LURAH: UnitKind.KELURAHAN,
    PactRole.CAMAT: UnitKind.KECAMATAN,
}


def eligible_q(role: str, prefix: str = "") -> Q:
    """The ASN (reached by ``prefix``) a pact for ``role`` asks to sign."""
    q = Q(**{f"{prefix}is_active": True, f"{prefix}unit__is_active": True})
    kind = ROLE_HEAD_OF_KIND.get(role)
    if kind is not None:
        q &= Q(**{f"{prefix}is_head_of_unit": True, f"{prefix}unit__kind": kind})
    return q


class PactTemplate(models.Model):
    """The wording of a pact for one role. Versions are kept, never edited in place.

    ``body_*`` may use ``{nama}``, ``{nip}``, ``{jabatan}``, ``{unit}`` and
    ``{pemilihan}``; they are filled in when the ASN opens the pact.
    """

    role = models.CharField(_("peran"), max_length=20, choices=PactRole.choices)
    version = models.PositiveSmallIntegerField(_("versi"))
    title_id = models.CharField(_("judul (id)"), max_length=200)
    title_en = models.CharField(_("judul (en)"), max_length=200)
    body_id = models.TextField(_("isi (id)"))
    body_en = models.TextField(_("isi (en)"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["role", "-version"]
        verbose_name = _("templat pakta")
        verbose_name_plural = _("templat pakta")
        constraints = [
            models.UniqueConstraint(fields=["role", "version"], name="unique_pact_template")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} v{self.version}"

    @property
    def title(self) -> str:
        return _in_language(self.title_id, self.title_en)

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_id


class Pact(models.Model):
    """A pakta integritas opened for one election, one region and one role."""

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="pacts",
        verbose_name=_("pemilihan"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
        help_text=_("ASN pada unit di wilayah ini diminta menandatangani."),
    )
    role = models.CharField(_("untuk peran"), max_length=20, choices=PactRole.choices)
    template = models.ForeignKey(
        PactTemplate, on_delete=models.PROTECT, related_name="pacts", verbose_name=_("templat")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuka oleh"),
    )
    opened_at = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    is_open = models.BooleanField(_("terbuka untuk ditandatangani"), default=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "region", "role"], name="unique_pact_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template.title} — {self.election}"

    def eligible_asn(self) -> models.QuerySet[Asn]:
        """Every ASN this pact asks to sign (active, in an active unit of the region)."""
        code = self.region.code
        return Asn.objects.filter(
            eligible_q(self.role),
            Q(unit__region__code=code) | Q(unit__region__code__startswith=f"{code}."),
        )


class SignedDocument(models.Model):
    """What every signed document keeps: when, from where, the text's hash, a check code.

    The code is what the public verification page checks (see ``codes.py``).
    """

    signed_at = models.DateTimeField(_("ditandatangani pada"))
    text_hash = models.CharField(_("SHA-256 naskah"), max_length=64)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    verification_code = models.CharField(_("kode verifikasi"), max_length=12, unique=True)

    class Meta:
        abstract = True

    @property
    def code_display(self) -> str:
        """The verification code as printed: ``XXXX-XXXX-XXXX``."""
        return format_code(self.verification_code)


class PactSignature(SignedDocument):
    """One ASN's signature: the exact text, when, how confirmed, and a check code.

    The unique constraint on (pact, asn) makes a double submit impossible to count
    twice, whatever the timing.
    """

    pact = models.ForeignKey(
        Pact, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("pakta")
    )
    asn = models.ForeignKey(
        Asn, on_delete=models.PROTECT, related_name="pact_signatures", verbose_name=_("ASN")
    )
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit saat menandatangani"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("akun penanda tangan"),
    )
    language = models.CharField(_("bahasa naskah"), max_length=5, default="id")
    text = models.TextField(_("naskah yang ditandatangani"))
    typed_confirmation = models.CharField(_("konfirmasi yang diketik"), max_length=200)

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("tanda tangan pakta")
        verbose_name_plural = _("tanda tangan pakta")
        constraints = [
            models.UniqueConstraint(fields=["pact", "asn"], name="one_signature_per_asn")
        ]

    def __str__(self) -> str:
        return f"{self.asn} — {self.pact}"


class ReminderBatch(models.Model):
    """One "please sign" reminder sent to the unsigned ASN of a unit or an area."""

    pact = models.ForeignKey(
        Pact, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("pakta")
    )
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wilayah"),
    )
    recipients = models.ManyToManyField(Asn, related_name="+", verbose_name=_("penerima"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    emailed = models.PositiveIntegerField(_("surel terkirim"), default=0)
    delivered_at = models.DateTimeField(_("selesai dikirim"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pengingat pakta")
        verbose_name_plural = _("pengingat pakta")

    def __str__(self) -> str:
        return f"{self.pact} — {self.created_at:%Y-%m-%d %H:%M}"


class Briefing(models.Model):
    """A sosialisasi session on ASN neutrality."""

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="briefings",
        verbose_name=_("pemilihan"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah penyelenggara"),
    )
    title = models.CharField(_("judul"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    speaker = models.CharField(_("narasumber"), max_length=200)
    material = models.TextField(_("materi"), blank=True)
    units = models.ManyToManyField(
        "registry.Unit", related_name="briefings", verbose_name=_("unit peserta")
    )
    checkin_code = models.CharField(_("kode hadir"), max_length=8, unique=True)
    quiz_size = models.PositiveSmallIntegerField(
        _("jumlah soal kuis"), default=0, help_text=_("0 berarti tanpa kuis.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("sosialisasi")
        verbose_name_plural = _("sosialisasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="briefing_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d-%m-%Y})"


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Pindai QR (masuk akun)")
    FORM = "form", _("Formulir NIP + kode")
    UPLOAD = "upload", _("Unggah daftar hadir")


class Attendance(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("sesi")
    )
    asn = models.ForeignKey(
        Asn, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("ASN")
    )
    method = models.CharField(_("cara"), max_length=10, choices=AttendanceMethod.choices)
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["briefing", "asn"], name="attend_once_per_briefing")
        ]

    def __str__(self) -> str:
        return f"{self.asn} @ {self.briefing}"


class QuestionKind(models.TextChoices):
    ALLOWED = "boleh", _("Boleh atau tidak boleh?")
    SANCTION = "sanksi", _("Tingkat sanksi")


class QuizQuestion(models.Model):
    """One question drawn from the rule catalogue for a briefing's quiz."""

    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="questions", verbose_name=_("sesi")
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    kind = models.CharField(_("jenis"), max_length=10, choices=QuestionKind.choices)
    source_code = models.CharField(_("kode sumber"), max_length=10)
    prompt_id = models.TextField(_("pertanyaan (id)"))
    prompt_en = models.TextField(_("pertanyaan (en)"))
    # [[value, label_id, label_en], ...]
    choices = models.JSONField(_("pilihan"))
    answer = models.CharField(_("jawaban benar"), max_length=20)

    class Meta:
        ordering = ["briefing", "number"]
        verbose_name = _("soal kuis")
        verbose_name_plural = _("soal kuis")
        constraints = [
            models.UniqueConstraint(fields=["briefing", "number"], name="unique_quiz_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.prompt_id[:60]}"

    @property
    def prompt(self) -> str:
        return _in_language(self.prompt_id, self.prompt_en)

    def localized_choices(self) -> list[tuple[str, str]]:
        en = translation.get_language() == "en"
        return [(value, label_en if en else label_id) for value, label_id, label_en in self.choices]


class QuizAttempt(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("sesi")
    )
    asn = models.ForeignKey(
        Asn, on_delete=models.PROTECT, related_name="quiz_attempts", verbose_name=_("ASN")
    )
    answers = models.JSONField(_("jawaban"))
    score = models.PositiveSmallIntegerField(_("benar"))
    total = models.PositiveSmallIntegerField(_("jumlah soal"))
    submitted_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("jawaban kuis")
        verbose_name_plural = _("jawaban kuis")
        constraints = [models.UniqueConstraint(fields=["briefing", "asn"], name="one_quiz_attempt")]

    def __str__(self) -> str:
        return f"{self.asn}: {self.score}/{self.total}"


class CloseOut(SignedDocument):
    """A unit head's statement after the election: zero violations, or the list of cases."""

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="close_outs",
        verbose_name=_("pemilihan"),
    )
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="close_outs",
        verbose_name=_("unit kerja"),
    )
    head = models.ForeignKey(
        Asn, on_delete=models.PROTECT, related_name="+", verbose_name=_("kepala unit")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_zero = models.BooleanField(_("nihil pelanggaran"))
    # [{"reference": ..., "state": ..., "source": ...}, ...] as known when signed.
    cases = models.JSONField(_("temuan/laporan tercatat"), default=list, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    text = models.TextField(_("naskah pernyataan"))

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("pernyataan penutup")
        verbose_name_plural = _("pernyataan penutup")
        constraints = [
            models.UniqueConstraint(fields=["election", "unit"], name="one_close_out_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.election}"
