"""Forms of the prevention pages (validation of input only; writes go through services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.elections.models import Election
from netra.regions.models import Region
from netra.registry.models import Unit

from .models import PactRole, QuizQuestion


class OpenPactForm(forms.Form):
    election = forms.ModelChoiceField(queryset=Election.objects.none(), label=_("Pemilihan"))
    role = forms.ChoiceField(choices=PactRole.choices, label=_("Untuk peran"))

    def __init__(self, *args: Any, elections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections  # type: ignore[attr-defined]


class SignPactForm(forms.Form):
    typed_confirmation = forms.CharField(
        label=_("Ketik nama lengkap Anda sebagai tanda tangan"), max_length=200
    )
    agree = forms.BooleanField(
        label=_("Saya telah membaca dan menyetujui isi pakta integritas ini"), required=True
    )


class ReminderForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Unit kerja")
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.none(), required=False, label=_("atau seluruh kecamatan")
    )

    def __init__(self, *args: Any, units: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("unit") is None) == (data.get("region") is None):
            raise forms.ValidationError(_("Pilih satu unit kerja atau satu kecamatan."))
        return data


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class BriefingForm(forms.Form):
    election = forms.ModelChoiceField(queryset=Election.objects.none(), label=_("Pemilihan"))
    title = forms.CharField(label=_("Judul"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Mulai"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Selesai"), widget=DateTimeInput())
    place = forms.CharField(label=_("Tempat"), max_length=200)
    speaker = forms.CharField(label=_("Narasumber"), max_length=200)
    material = forms.CharField(label=_("Materi"), widget=forms.Textarea, required=False)
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), label=_("Unit peserta"), widget=forms.CheckboxSelectMultiple
    )
    quiz_size = forms.IntegerField(
        label=_("Jumlah soal kuis (0 = tanpa kuis)"), min_value=0, max_value=20, initial=5
    )

    def __init__(self, *args: Any, elections: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Daftar hadir (CSV atau XLSX dengan kolom 'nip')"),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Kode sesi"), max_length=8)
    nip = forms.CharField(label=_("NIP"), max_length=30)


class CloseOutForm(forms.Form):
    note = forms.CharField(label=_("Catatan (opsional)"), widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label=_("Saya menyatakan isi pernyataan ini benar"), required=True)


class QuizForm(forms.Form):
    """One radio group per question, named by the question number."""

    def __init__(self, *args: Any, questions: list[QuizQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[str(question.number)] = forms.ChoiceField(
                label=f"{question.number}. {question.prompt}",
                choices=question.localized_choices(),
                widget=forms.RadioSelect,
            )
