"""Forms the public uses without logging in: file a report, track it, add to it.

Spam is kept out without a captcha (which would shut out people on old phones and
slow networks): a hidden field people never fill (honeypot), a signed time stamp that
refuses forms sent back faster than a person could type, and per-IP throttling in the
views.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.elections.models import Election
from netra.regions.models import Level, Region
from netra.regions.selectors import ancestor_codes
from netra.rules.models import ViolationForm
from netra.rules.selectors import active_violation_forms

from . import evidence
from .models import IdentityMode

MAX_LINKS = 10
# What the phone's file picker offers; the server still decides by content.
ACCEPT = "image/*,video/*,application/pdf"
_STAMP_SALT = "netra.cases.public-form"
# A form older than this is refused as stale (someone replaying a captured page).
_STAMP_MAX_AGE = 24 * 3600


def min_fill_seconds() -> float:
    return float(getattr(settings, "NETRA_PUBLIC_FORM_MIN_SECONDS", 3))


def new_form_stamp() -> str:
    """A signed "form shown at" time, sent back with the form."""
    return signing.Signer(salt=_STAMP_SALT).sign(str(int(time.time())))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to ``NETRA_EVIDENCE_MAX_FILES`` files in one input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        try:
            evidence.check_batch(files)
        except evidence.EvidenceRejected as exc:
            raise ValidationError(exc.message, code=exc.code) from exc
        return files


class ViolationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ViolationForm) -> str:
        return obj.plain


class RegionSelect(forms.Select):
    """Options carry their parent region, so the page can list kelurahan per kecamatan."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.parent_id is not None:
            option["attrs"]["data-parent"] = str(instance.parent_id)
        return option


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        parent = obj.parent.display_name if obj.parent is not None else ""
        return f"{obj.name} ({parent})" if parent else obj.name


class SpamGuardMixin(forms.Form):
    """Honeypot + minimum fill time; the fields are hidden from people by CSS."""

    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def is_bot(self) -> bool:
        """True for the honeypot filled in, or a stamp missing or not signed by us."""
        return bool(self.data.get("website")) or self._stamp_age() is None

    def _stamp_age(self) -> float | None:
        try:
            signed_at = int(signing.Signer(salt=_STAMP_SALT).unsign(str(self.data.get("started"))))
        except (signing.BadSignature, ValueError):
            return None
        return time.time() - signed_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age = self._stamp_age()
        if age is not None and not min_fill_seconds() <= age <= _STAMP_MAX_AGE:
            # Too fast for a person, or a page left open for a day: ask to send again,
            # keeping what was typed, with a new stamp.
            fresh = QueryDict(mutable=True)
            fresh.update(self.data)
            fresh["started"] = new_form_stamp()
            self.data = fresh
            raise ValidationError(
                _(
                    "Formulir terkirim terlalu cepat atau sudah terlalu lama dibuka. "
                    "Periksa isian Anda lalu kirim lagi."
                ),
                code="stamp",
            )
        return data


def kecamatan_choices() -> QuerySet[Region]:
    """Every kecamatan of the kota/kabupaten that have an election in the system."""
    codes = Election.objects.exclude(region__isnull=True).values_list("region__code", flat=True)
    q = Q(pk__in=[])
    for code in set(codes):
        q |= Q(code__startswith=f"{code}.")
    return Region.objects.filter(q, level=Level.KECAMATAN).select_related("parent")


def elections_for(region: Region, on: dt.date | None = None) -> QuerySet[Election]:
    """Elections held over ``region`` (or a region containing it), the next one first."""
    codes = [region.code, *ancestor_codes(region.code)]
    today = on or timezone.localdate()
    elections = Election.objects.filter(Q(region__code__in=codes) | Q(region__isnull=True))
    # Reports come before and soon after a voting day: the nearest coming one first,
    # else the most recent one.
    upcoming = elections.filter(voting_date__gte=today - dt.timedelta(days=120))
    if upcoming.exists():
        return upcoming.order_by("voting_date")
    return elections.order_by("-voting_date")


class PublicReportForm(SpamGuardMixin):
    identity_mode = forms.ChoiceField(
        label=_("Bagaimana identitas Anda diperlakukan?"),
        choices=IdentityMode.choices,
        initial=IdentityMode.ANONIM,
        widget=forms.RadioSelect,
    )
    reporter_name = forms.CharField(label=_("Nama Anda"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp"), max_length=40, required=False
    )
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_address = forms.CharField(
        label=_("Alamat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    subject_text = forms.CharField(
        label=_("Siapa yang diduga melanggar?"),
        help_text=_("Nama, NIP, jabatan atau kantornya, sejauh Anda tahu."),
        max_length=300,
    )
    kecamatan = RegionChoiceField(label=_("Kecamatan"), queryset=Region.objects.none())
    kelurahan = RegionChoiceField(
        label=_("Kelurahan (bila tahu)"),
        queryset=Region.objects.none(),
        required=False,
        widget=RegionSelect,
    )
    place = forms.CharField(
        label=_("Tempat kejadian"),
        help_text=_("Misalnya nama kantor, jalan, atau akun media sosial."),
        max_length=300,
        required=False,
    )
    occurred_on = forms.DateField(
        label=_("Kapan kejadiannya?"), widget=forms.DateInput(attrs={"type": "date"})
    )
    known_on = forms.DateField(
        label=_("Kapan Anda mengetahuinya?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("Kosongkan bila sama dengan hari ini."),
    )
    summary = forms.CharField(
        label=_("Apa yang terjadi?"),
        help_text=_("Ceritakan apa yang dilihat atau didengar, oleh siapa, dan kapan."),
        min_length=20,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reported_form = ViolationChoiceField(
        label=_("Perbuatan mana yang paling mirip?"),
        queryset=ViolationForm.objects.none(),
        required=False,
        empty_label=_("Tidak yakin"),
        blank=True,  # keep the "not sure" choice in the radio list
        widget=forms.RadioSelect,
    )
    links = forms.CharField(
        label=_("Tautan (satu per baris)"),
        help_text=_("Misalnya tautan unggahan media sosial."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url"}),
    )
    attachments = MultipleFileField(
        label=_("Foto, video, tangkapan layar atau PDF"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = kecamatan_choices()
        self.fields["kecamatan"].queryset = kecamatan  # type: ignore[attr-defined]
        self.fields["kelurahan"].queryset = Region.objects.filter(  # type: ignore[attr-defined]
            parent__in=kecamatan, level__in=[Level.KELURAHAN, Level.DESA]
        ).select_related("parent")
        self.fields["reported_form"].queryset = active_violation_forms()  # type: ignore[attr-defined]
        self.fields["attachments"].widget.attrs["accept"] = ACCEPT
        self.fields["attachments"].help_text = _(
            "Paling banyak %(n)d berkas, masing-masing %(size)s. "
            "Data lokasi (GPS) di foto dihapus sebelum disimpan."
        ) % {"n": evidence.max_files(), "size": evidence.megabytes(evidence.max_file_bytes())}
        if not self.is_bound:
            self.initial.setdefault("started", new_form_stamp())

    def clean_links(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        links = [line for line in lines if line]
        if len(links) > MAX_LINKS:
            raise ValidationError(
                _("Paling banyak %(n)d tautan; Anda menulis %(got)d."),
                params={"n": MAX_LINKS, "got": len(links)},
            )
        check = URLValidator(schemes=["http", "https"])
        for number, link in enumerate(links, start=1):
            if "://" not in link:
                link = f"https://{link}"
                links[number - 1] = link
            try:
                check(link)
            except ValidationError as exc:
                raise ValidationError(
                    _("Tautan baris %(n)d (%(link)s) bukan alamat web yang sah."),
                    params={"n": number, "link": urlsplit(link).netloc or link[:60]},
                ) from exc
        return links

    def clean_occurred_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("identity_mode") == IdentityMode.RAHASIA:
            if not data.get("reporter_name"):
                self.add_error(
                    "reporter_name", _("Laporan rahasia perlu nama Anda (tetap dirahasiakan).")
                )
            if not (data.get("reporter_phone") or data.get("reporter_email")):
                self.add_error(
                    "reporter_phone",
                    _("Isi nomor telepon atau email agar petugas dapat menghubungi Anda."),
                )
        else:
            # Anonymous means anonymous: drop anything typed before switching modes.
            for name in ("reporter_name", "reporter_phone", "reporter_email", "reporter_address"):
                data[name] = ""
        kecamatan, kelurahan = data.get("kecamatan"), data.get("kelurahan")
        if kecamatan is not None and kelurahan is not None and kelurahan.parent_id != kecamatan.pk:
            self.add_error(
                "kelurahan",
                ValidationError(
                    _("Kelurahan %(kel)s tidak berada di Kecamatan %(kec)s."),
                    params={"kel": kelurahan.name, "kec": kecamatan.name},
                ),
            )
        known_on = data.get("known_on") or timezone.localdate()
        occurred_on = data.get("occurred_on")
        if known_on > timezone.localdate():
            self.add_error("known_on", _("Tanggal diketahui tidak boleh di masa depan."))
        elif occurred_on is not None and known_on < occurred_on:
            self.add_error("known_on", _("Tanggal diketahui tidak boleh sebelum tanggal kejadian."))
        data["known_on"] = known_on
        return data

    @property
    def region(self) -> Region | None:
        data = getattr(self, "cleaned_data", {})
        return data.get("kelurahan") or data.get("kecamatan")


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class AddInformationForm(SpamGuardMixin):
    body = forms.CharField(
        label=_("Keterangan tambahan"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(label=_("Berkas tambahan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].widget.attrs["accept"] = ACCEPT
        if not self.is_bound:
            self.initial.setdefault("started", new_form_stamp())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("body") and not data.get("attachments"):
            raise ValidationError(_("Tulis keterangan atau lampirkan berkas."))
        return data
