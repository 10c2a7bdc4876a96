"""Forms for officers: filter the case list, move a case, record a finding (temuan)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netra.elections.models import Election
from netra.elections.selectors import elections_visible_to
from netra.regions.models import Level as RegionLevel
from netra.regions.models import Region, within_q
from netra.regions.selectors import regions_visible_to
from netra.registry.models import Asn
from netra.rules.selectors import active_violation_forms

from .forms_public import MultipleFileField, RegionChoiceField, ViolationChoiceField
from .models import Case, State
from .selectors import cases_visible_to
from .workflow import Move

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *State.choices]
    )
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    form = forms.ChoiceField(label=_("Bentuk pelanggaran"), required=False)
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = regions_visible_to(user).filter(level=RegionLevel.KECAMATAN)
        self.fields["kecamatan"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua kecamatan")),
            *((r.code, r.name) for r in kecamatan),
        ]
        self.fields["form"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua bentuk")),
            *((f.code, f"{f.code} — {f.plain}") for f in active_violation_forms()),
        ]

    def apply(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        if data["state"]:
            cases = cases.filter(state=data["state"])
        if data["kecamatan"]:
            cases = cases.filter(within_q([Region(code=data["kecamatan"])], "region__code"))
        if data["form"]:
            code = data["form"]
            cases = cases.filter(
                Q(violation_form__code=code)
                | Q(violation_form__isnull=True, reported_form__code=code)
            )
        if data["q"]:
            term = data["q"].strip()
            cases = cases.filter(Q(reference__icontains=term) | Q(subject_text__icontains=term))
        return cases


class ViolationTitleField(forms.ModelChoiceField):
    """For officers: the code and the formal title, not the plain words."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.title}"


def transition_form_class(move: Move, *, user: Any, case: Case) -> type[forms.Form]:
    """A form asking for exactly the fields the move requires or accepts, plus a note."""
    fields: dict[str, forms.Field] = {}
    for name in move.fields:
        model_field = Case._meta.get_field(name)
        field = model_field.formfield()  # type: ignore[union-attr]
        assert field is not None
        field.required = name in move.requires
        if isinstance(field, forms.SplitDateTimeField | forms.DateTimeField):
            field = forms.DateTimeField(
                label=field.label, required=field.required, widget=DATETIME_INPUT
            )
        elif isinstance(field, forms.DateField):
            field.widget = DATE_INPUT
        if name == "merged_into":
            field = forms.ModelChoiceField(
                label=field.label,
                queryset=cases_visible_to(user).exclude(pk=case.pk).filter(election=case.election),
                required=True,
            )
        elif name == "violation_form":
            field = ViolationTitleField(
                label=field.label, queryset=active_violation_forms(), required=field.required
            )
        fields[name] = field
    fields["note"] = forms.CharField(
        label=_("Catatan (internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    return type("TransitionForm", (forms.Form,), fields)


def initial_for(move: Move, case: Case) -> dict[str, Any]:
    """Current values of the move's fields, so a form shows what is already recorded."""
    initial: dict[str, Any] = {}
    for name in move.fields:
        value = getattr(case, name, None)
        if value not in (None, ""):
            initial[name] = value
    return initial


def finding_regions(user: Any) -> QuerySet[Region]:
    """Kecamatan and kelurahan where ``user`` may record a finding (an ASN: their unit's)."""
    q = Q(pk__in=regions_visible_to(user).values("pk"))
    asn = Asn.objects.filter(user=user).select_related("unit__region").first()
    if asn is not None:
        q |= within_q([asn.unit.region], "code")
    return (
        Region.objects.filter(q)
        .filter(level__in=[RegionLevel.KECAMATAN, RegionLevel.KELURAHAN, RegionLevel.DESA])
        .select_related("parent")
    )


class FindingForm(forms.Form):
    """An internal finding (temuan) by an ASN, lurah, camat or the Inspektorat."""

    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.none())
    region = RegionChoiceField(
        label=_("Wilayah kejadian (kelurahan atau kecamatan)"),
        queryset=Region.objects.none(),
    )
    place = forms.CharField(label=_("Tempat kejadian"), max_length=300, required=False)
    subject_text = forms.CharField(
        label=_("Terlapor (nama, NIP, jabatan, unit)"), max_length=300, required=False
    )
    occurred_on = forms.DateField(label=_("Tanggal kejadian"), required=False, widget=DATE_INPUT)
    known_on = forms.DateField(label=_("Tanggal diketahui"), widget=DATE_INPUT)
    summary = forms.CharField(
        label=_("Uraian temuan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    reported_form = ViolationChoiceField(
        label=_("Dugaan bentuk pelanggaran"),
        queryset=active_violation_forms(),
        required=False,
        empty_label=_("Belum ditentukan"),
    )
    links = forms.CharField(
        label=_("Tautan (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(label=_("Berkas bukti"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections_visible_to(user)  # type: ignore[attr-defined]
        self.fields["region"].queryset = finding_regions(user)  # type: ignore[attr-defined]
        if not self.is_bound:
            election = self.fields["election"].queryset.order_by("-voting_date").first()  # type: ignore[attr-defined]
            if election is not None:
                self.initial.setdefault("election", election.pk)

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
