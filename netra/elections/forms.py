"""Forms for candidate pairs and election settings; saving goes through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netra.registry.models import Asn
from netra.registry.nip import clean_nip

from .models import CandidatePair, Election
from .schedule_files import available_schedules, load_schedule_file

_LIST_HELP = _("Pisahkan dengan koma atau baris baru.")


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CandidatePairForm(forms.Form):
    number = forms.IntegerField(label=_("Nomor urut"), min_value=1, max_value=99)
    head_name = forms.CharField(label=_("Nama calon"), max_length=200)
    deputy_name = forms.CharField(label=_("Nama calon wakil"), max_length=200, required=False)
    nicknames = forms.CharField(
        label=_("Sebutan/akronim"),
        required=False,
        widget=_textarea(),
        help_text=_("Mis. WALI, Mas Wahyu. Pisahkan dengan koma atau baris baru."),
    )
    parties = forms.CharField(
        label=_("Partai pengusung"), required=False, widget=_textarea(), help_text=_LIST_HELP
    )
    slogans = forms.CharField(
        label=_("Slogan/tagline"),
        required=False,
        widget=_textarea(),
        help_text=_("Satu slogan per baris (slogan boleh memuat koma)."),
    )
    hashtags = forms.CharField(
        label=_("Tagar"),
        required=False,
        widget=_textarea(),
        help_text=format_lazy(
            "{} {}", _("Mis. #MalangBerkelas; tanda # ditambahkan bila lupa."), _LIST_HELP
        ),
    )
    is_incumbent = forms.BooleanField(
        label=_("Calon adalah petahana/pejabat (kepala daerah, Pj, atau PPK)"), required=False
    )
    head_nip = forms.CharField(
        label=_("NIP calon, bila ASN/pejabat"), required=False, max_length=30
    )
    deputy_nip = forms.CharField(
        label=_("NIP calon wakil, bila ASN/pejabat"), required=False, max_length=30
    )

    def __init__(self, *args: Any, asn_queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asn_queryset = asn_queryset if asn_queryset is not None else Asn.objects.none()

    @classmethod
    def initial_for(cls, pair: CandidatePair) -> dict[str, Any]:
        return {
            "number": pair.number,
            "head_name": pair.head_name,
            "deputy_name": pair.deputy_name,
            "nicknames": "\n".join(pair.nicknames),
            "parties": "\n".join(pair.parties),
            "slogans": "\n".join(pair.slogans),
            "hashtags": "\n".join(pair.hashtags),
            "is_incumbent": pair.is_incumbent,
            "head_nip": pair.head_asn.nip if pair.head_asn else "",
            "deputy_nip": pair.deputy_asn.nip if pair.deputy_asn else "",
        }

    def _asn(self, field: str) -> Asn | None:
        nip = clean_nip(self.cleaned_data.get(field))
        if not nip:
            return None
        asn = self.asn_queryset.filter(nip=nip).first()
        if asn is None:
            raise forms.ValidationError(
                _("ASN dengan NIP %(nip)s tidak ditemukan di registri wilayah Anda."),
                params={"nip": nip},
            )
        return asn

    def clean_head_nip(self) -> Asn | None:
        return self._asn("head_nip")

    def clean_deputy_nip(self) -> Asn | None:
        return self._asn("deputy_nip")

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of ``save_candidate_pair``."""
        data = self.cleaned_data
        return {
            "number": data["number"],
            "head_name": data["head_name"],
            "deputy_name": data["deputy_name"],
            "nicknames": data["nicknames"],
            "parties": data["parties"],
            "slogans": data["slogans"],
            "hashtags": data["hashtags"],
            "is_incumbent": data["is_incumbent"],
            "head_asn": data["head_nip"],
            "deputy_asn": data["deputy_nip"],
        }


class ExtraTermsForm(forms.Form):
    extra_terms = forms.CharField(
        label=_("Istilah pantauan tambahan"),
        required=False,
        widget=_textarea(3),
        help_text=format_lazy("{} {}", _("Mis. Pilwali Malang, Pilkada Malang."), _LIST_HELP),
    )


class ApplyScheduleForm(forms.Form):
    schedule = forms.ChoiceField(label=_("Jadwal resmi"))

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for name in available_schedules():
            schedule = load_schedule_file(name)
            if schedule.kind == election.kind:
                choices.append((name, schedule.legal_basis.split(" tentang ")[0]))
        field = self.fields["schedule"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
