from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import ASN, UNIT
from .importing.uploads import check_upload
from .models import HANDLE_RE, Platform, UnitKind, normalize_handle


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis data"),
        choices=[(ASN, _("ASN (pegawai)")), (UNIT, _("Unit kerja"))],
        initial=ASN,
    )
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("CSV (pemisah koma atau titik koma) atau XLSX; baris pertama judul kolom."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.data_bytes = check_upload(upload)
        return upload


class SocialAccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    handle = forms.CharField(
        label=_("Nama akun"),
        max_length=200,
        help_text=_("Boleh dengan @ atau tautan profil; disimpan tanpa @."),
    )
    url = forms.URLField(label=_("Tautan profil (opsional)"), required=False, assume_scheme="https")

    def clean_handle(self) -> str:
        handle = normalize_handle(self.cleaned_data["handle"])
        if not HANDLE_RE.match(handle):
            raise forms.ValidationError(
                _("Nama akun hanya boleh huruf, angka, titik, garis bawah dan tanda hubung.")
            )
        return handle


class RegistryFilterForm(forms.Form):
    """The filters above the unit and ASN lists; choices depend on the user's scope."""

    q = forms.CharField(label=_("Cari"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis unit"),
        required=False,
        choices=[("", _("Semua jenis")), *UnitKind.choices],
    )

    def __init__(self, *args: Any, kecamatan: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kecamatan"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Semua kecamatan")), *kecamatan]
