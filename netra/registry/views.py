"""Pages for units and ASN (lists, details) and the ASN's own social-account form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import RegistryFilterForm, SocialAccountForm
from .permissions import can_import
from .selectors import (
    asn_visible_to,
    filter_asn,
    filter_units,
    kecamatan_choices,
    own_asn,
    own_social_accounts,
    units_visible_to,
)
from .services import declare_social_account, withdraw_social_account


def _filters(request: HttpRequest) -> tuple[RegistryFilterForm, dict[str, str]]:
    form = RegistryFilterForm(request.GET or None, kecamatan=kecamatan_choices(request.user))
    values = {"q": "", "kecamatan": "", "kind": ""}
    if form.is_bound and form.is_valid():
        values.update({k: (form.cleaned_data.get(k) or "").strip() for k in values})
    return form, values


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    form, values = _filters(request)
    units = (
        filter_units(units_visible_to(request.user), **values)
        .annotate(staff_count=Count("staff", distinct=True))
        .order_by("name", "code")
    )
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/unit_list.html",
        {"page": page, "form": form, "can_import": can_import(request.user)},
    )


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), code=code)
    staff = asn_visible_to(request.user).filter(unit=unit)
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    children = units_visible_to(request.user).filter(parent=unit)
    return render(
        request,
        "registry/unit_detail.html",
        {"unit": unit, "page": page, "children": children},
    )


@login_required
def asn_list(request: HttpRequest) -> HttpResponse:
    form, values = _filters(request)
    staff = filter_asn(asn_visible_to(request.user), **values)
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    template = "registry/_asn_rows.html" if request.htmx else "registry/asn_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"page": page, "form": form, "can_import": can_import(request.user)},
    )


@login_required
def asn_detail(request: HttpRequest, nip: str) -> HttpResponse:
    asn = get_object_or_404(asn_visible_to(request.user), nip=nip)
    return render(
        request,
        "registry/asn_detail.html",
        {
            "asn": asn,
            "accounts": asn.social_accounts.all(),
            "is_self": asn.user_id is not None and asn.user_id == request.user.pk,
        },
    )


@login_required
def my_accounts(request: HttpRequest) -> HttpResponse:
    """An ASN lists and declares their own social-media accounts."""
    asn = own_asn(request.user)
    if asn is None:
        raise PermissionDenied(_("Halaman ini untuk ASN yang akunnya terhubung ke data ASN."))
    form = SocialAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            declare_social_account(
                actor=request.user,
                asn=asn,
                platform=form.cleaned_data["platform"],
                handle=form.cleaned_data["handle"],
                url=form.cleaned_data["url"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Akun media sosial tersimpan."))
            return redirect("registry:my_accounts")
    return render(
        request,
        "registry/my_accounts.html",
        {"asn": asn, "accounts": own_social_accounts(request.user), "form": form},
    )


@login_required
@require_POST
def my_account_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(own_social_accounts(request.user), pk=pk)
    withdraw_social_account(actor=request.user, account=account)
    messages.success(request, _("Akun %(account)s dihapus dari deklarasi.") % {"account": account})
    return redirect("registry:my_accounts")
