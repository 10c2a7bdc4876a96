"""Cases: public reports (laporan) and internal findings (temuan) about ASN neutrality.

A :class:`Case` is the one record every handler works on, whatever its source. Its
``state`` moves only through :func:`netra.cases.services.transition_case`, following the
table in :mod:`netra.cases.workflow`; ``level`` says which desk holds it now
(kelurahan → kecamatan → kota/Inspektorat …), which drives escalation.

A laporan also has a :class:`Report`: how the reporter wants to be treated (anonymous
or confidential), their identity encrypted at rest, and the tracking code + PIN they
use to follow it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netra.rules.models import SanctionLevel

from .crypto import EncryptedTextField


class Source(models.TextChoices):
    LAPORAN = "laporan", _("Laporan masyarakat")
    TEMUAN = "temuan", _("Temuan internal")


class State(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    VERIFIKASI_FORMAL = "verifikasi-formal", _("Verifikasi formal")
    VERIFIKASI_MATERIIL = "verifikasi-materiil", _("Verifikasi materiil")
    TEREGISTRASI = "teregistrasi", _("Teregistrasi")
    KLARIFIKASI = "klarifikasi", _("Klarifikasi")
    KAJIAN = "kajian", _("Kajian")
    PUTUSAN = "putusan", _("Putusan")
    REKOMENDASI = "rekomendasi", _("Rekomendasi")
    TINDAK_LANJUT = "tindak-lanjut", _("Tindak lanjut")
    SELESAI = "selesai", _("Selesai")
    DIGABUNG = "digabung", _("Digabung")
    DITOLAK = "ditolak", _("Ditolak")


TERMINAL_STATES = frozenset({State.SELESAI, State.DIGABUNG, State.DITOLAK})


class Level(models.TextChoices):
    """The desk that holds a case now; findings climb this ladder."""

    KELURAHAN = "kelurahan", _("Kelurahan (lurah)")
    KECAMATAN = "kecamatan", _("Kecamatan (camat)")
    KOTA = "kota", _("Inspektorat / BKPSDM")
    BAWASLU = "bawaslu", _("Bawaslu")
    BKN = "bkn", _("BKN")
    PPK = "ppk", _("PPK (Wali Kota)")


class Decision(models.TextChoices):
    TERBUKTI = "terbukti", _("Terbukti")
    TIDAK_TERBUKTI = "tidak-terbukti", _("Tidak terbukti")


class RecommendationTarget(models.TextChoices):
    PPK = "ppk", _("PPK (Wali Kota)")
    BKN = "bkn", _("BKN")


class Case(models.Model):
    """One suspected neutrality violation, from receipt to follow-up."""

    reference = models.CharField(_("nomor perkara"), max_length=20, unique=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("pemilihan"),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DITERIMA, db_index=True
    )
    level = models.CharField(
        _("ditangani di"), max_length=10, choices=Level.choices, default=Level.KECAMATAN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("petugas"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filed_cases",
        verbose_name=_("dicatat oleh"),
        help_text=_("Untuk temuan: ASN/pejabat yang mencatat."),
    )
    # Where it happened: drives who may see and handle the case.
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("unit kerja terlapor"),
    )
    subjects = models.ManyToManyField(
        "registry.Asn", blank=True, related_name="cases", verbose_name=_("ASN terlapor")
    )
    subject_text = models.CharField(
        _("terlapor (uraian)"),
        max_length=300,
        blank=True,
        help_text=_("Nama/jabatan terlapor seperti ditulis pelapor."),
    )
    candidate_pair = models.ForeignKey(
        "elections.CandidatePair",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paslon yang diuntungkan"),
    )
    reported_form = models.ForeignKey(
        "rules.ViolationForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bentuk pelanggaran menurut pelapor"),
    )
    violation_form = models.ForeignKey(
        "rules.ViolationForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("bentuk pelanggaran (hasil verifikasi)"),
    )
    occurred_on = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    known_on = models.DateField(_("tanggal diketahui"))
    received_at = models.DateTimeField(_("diterima pada"))
    summary = models.TextField(_("uraian kejadian"))
    links = models.JSONField(_("tautan"), default=list, blank=True)
    reported_late = models.BooleanField(
        _("melewati batas waktu lapor"),
        default=False,
        help_text=_("Dilaporkan setelah batas waktu lapor sejak diketahui."),
    )

    hearing_at = models.DateTimeField(_("jadwal klarifikasi"), null=True, blank=True)
    hearing_place = models.CharField(_("tempat klarifikasi"), max_length=300, blank=True)
    hearing_record = models.TextField(_("berita acara klarifikasi"), blank=True)
    review = models.TextField(_("hasil kajian"), blank=True)
    decision = models.CharField(_("putusan"), max_length=15, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("pertimbangan putusan"), blank=True)
    recommendation_target = models.CharField(
        _("rekomendasi kepada"), max_length=5, choices=RecommendationTarget.choices, blank=True
    )
    recommendation = models.TextField(_("isi rekomendasi"), blank=True)
    sanction_level = models.CharField(
        _("tingkat sanksi"), max_length=15, choices=SanctionLevel.choices, blank=True
    )
    sanction_detail = models.TextField(_("rincian sanksi"), blank=True)
    decree_number = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
        verbose_name=_("digabung ke"),
    )
    closed_reason = models.TextField(_("alasan penutupan/penolakan"), blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    ppk_conflict = models.BooleanField(
        _("PPK berkepentingan"),
        default=False,
        help_text=_("PPK yang harus menjatuhkan sanksi sendiri adalah calon (petahana)."),
    )
    touches_incumbent = models.BooleanField(_("menyangkut petahana"), default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("perkara")
        verbose_name_plural = _("perkara")
        indexes = [models.Index(fields=["election", "state"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES


class IdentityMode(models.TextChoices):
    ANONIM = "anonim", _("Anonim (tanpa identitas)")
    RAHASIA = "rahasia", _("Rahasia (identitas disimpan, hanya untuk petugas berwenang)")


class Report(models.Model):
    """What a member of the public filed: identity choice, encrypted identity, tracking.

    The identity columns hold Fernet tokens (see :mod:`netra.cases.crypto`); they are
    read only through :func:`netra.cases.selectors.reporter_identity_visible_to`.
    The PIN is stored only as a password hash.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="report", verbose_name=_("perkara")
    )
    identity_mode = models.CharField(
        _("identitas pelapor"), max_length=10, choices=IdentityMode.choices
    )
    reporter_name = EncryptedTextField(_("nama pelapor"), blank=True)
    reporter_phone = EncryptedTextField(_("telepon/WhatsApp pelapor"), blank=True)
    reporter_email = EncryptedTextField(_("email pelapor"), blank=True)
    reporter_address = EncryptedTextField(_("alamat pelapor"), blank=True)
    tracking_code = models.CharField(_("kode pelacakan"), max_length=10, unique=True)
    pin_hash = models.CharField(_("PIN (hash)"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan masyarakat")
        verbose_name_plural = _("laporan masyarakat")

    def __str__(self) -> str:
        return f"{self.case.reference} ({self.get_identity_mode_display()})"


class CaseStateChange(models.Model):
    """One move through the workflow; the reporter sees only state and date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    changed_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("perubahan status")
        verbose_name_plural = _("perubahan status")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_state or '-'} → {self.to_state}"


class NoteKind(models.TextChoices):
    CATATAN = "catatan", _("Catatan")
    TERUSKAN = "teruskan", _("Diteruskan")
    KEMBALIKAN = "kembalikan", _("Dikembalikan untuk dilengkapi")
    INFO_PELAPOR = "info-pelapor", _("Keterangan tambahan dari pelapor")
    MINTA_INFO = "minta-info", _("Permintaan keterangan tambahan")
    ESKALASI = "eskalasi", _("Eskalasi karena tenggat terlewati")
    PENUGASAN = "penugasan", _("Penugasan petugas")


class CaseNote(models.Model):
    """Something said or done on a case besides a state change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=15, choices=NoteKind.choices, default=NoteKind.CATATAN)
    body = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    to_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("catatan perkara")
        verbose_name_plural = _("catatan perkara")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_kind_display()}"


class CaseDeadline(models.Model):
    """A legal or service-level time limit running on a case.

    Started and stopped by the workflow table; ``due_on`` is computed by
    :func:`netra.core.calendar.due_date` (calendar or Indonesian working days).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.ForeignKey("rules.DeadlineRule", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=60)
    starts_on = models.DateField(_("mulai dihitung"))
    due_on = models.DateField(_("jatuh tempo"))
    stopped_at = models.DateTimeField(_("dihentikan"), null=True, blank=True)
    reminded_on = models.DateField(_("pengingat terakhir"), null=True, blank=True)
    breached_at = models.DateTimeField(_("terlewati"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("tenggat perkara")
        verbose_name_plural = _("tenggat perkara")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "code"],
                condition=Q(stopped_at__isnull=True),
                name="one_running_deadline_per_code",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.code} s.d. {self.due_on:%d-%m-%Y}"

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None


class Evidence(models.Model):
    """A file attached to a case, stored once by its SHA-256 (content-addressed).

    The bytes live in storage under a path derived from ``sha256``; they are served
    only through a view that checks the user may see the case.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    sha256 = models.CharField(_("SHA-256 berkas tersimpan"), max_length=64, db_index=True)
    original_sha256 = models.CharField(
        _("SHA-256 berkas seperti dikirim"), max_length=64, blank=True
    )
    content_type = models.CharField(_("jenis berkas"), max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    metadata_removed = models.BooleanField(_("metadata/lokasi dihapus"), default=False)
    original_name = models.CharField(_("nama berkas asal"), max_length=255, blank=True)
    caption = models.CharField(_("keterangan"), max_length=300, blank=True)
    from_reporter = models.BooleanField(_("dari pelapor"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        constraints = [
            models.UniqueConstraint(fields=["case", "sha256"], name="unique_evidence_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.sha256[:12]} ({self.content_type})"
