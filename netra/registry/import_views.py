"""The import page: upload → dry-run report → "Terapkan", for Inspektorat and admins."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .forms import ImportForm
from .importing import ASN, KINDS, ImportRejected, ImportReport, import_file
from .importing.console import summary
from .importing.tabular import CSV, FORMATS, XLSX
from .importing.templates import template_bytes
from .importing.uploads import load_upload, store_upload
from .permissions import can_import

# The page shows this many errors; the full list is a CSV download.
ERRORS_SHOWN = 500
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def importer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_import(request.user):
            raise PermissionDenied(_("Hanya Inspektorat/BKPSDM atau admin yang dapat mengimpor."))
        return view(request, *args, **kwargs)

    return wrapper


def _render_report(
    request: HttpRequest, report: ImportReport, form: ImportForm | None = None
) -> HttpResponse:
    context = {
        "report": report,
        "summary": summary(report),
        "errors": report.errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(report.errors) - ERRORS_SHOWN),
        "form": form or ImportForm(initial={"kind": report.kind}),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/_import_area.html", context)
    return render(request, "registry/import.html", context)


@importer_required
def import_page(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: keep the file, dry-run it, show what it would do."""
    if request.method != "POST":
        return render(request, "registry/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        template = "registry/_import_area.html" if request.htmx else "registry/import.html"  # type: ignore[attr-defined]
        # htmx only swaps 2xx responses in; a plain form post gets the honest 400.
        return render(request, template, {"form": form}, status=200 if request.htmx else 400)  # type: ignore[attr-defined]
    stored = store_upload(data=form.data_bytes, name=form.cleaned_data["file"].name)
    report = import_file(
        actor=request.user,
        kind=form.cleaned_data["kind"],
        data=form.data_bytes,
        source_name=stored.name,
        dry_run=True,
    )
    return _render_report(request, report, form)


@importer_required
@require_POST
def import_apply(request: HttpRequest) -> HttpResponse:
    """Apply a file that was dry-run before; it is checked again inside the transaction."""
    kind = request.POST.get("kind", "")
    stored = load_upload(request.POST.get("sha256", ""))
    if kind not in KINDS or stored is None:
        messages.error(request, _("Berkas tidak ditemukan; unggah ulang lalu periksa lagi."))
        return redirect("registry:import")
    try:
        report = import_file(
            actor=request.user,
            kind=kind,
            data=stored.read(),
            source_name=stored.name,
            dry_run=False,
        )
    except ImportRejected as exc:
        return _render_report(request, exc.report)
    messages.success(
        request,
        _("Impor %(name)s selesai: %(summary)s")
        % {"name": stored.name, "summary": summary(report)},
    )
    target = reverse("registry:asn_list" if kind == ASN else "registry:unit_list")
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)


@importer_required
@require_GET
def import_errors(request: HttpRequest, sha256: str, kind: str) -> HttpResponse:
    """Every error of a stored file as CSV (the page shows only the first ones)."""
    stored = load_upload(sha256)
    if kind not in KINDS or stored is None:
        raise Http404
    report = import_file(
        actor=request.user, kind=kind, data=stored.read(), source_name=stored.name, dry_run=True
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("baris"), _("kolom"), _("nilai"), _("masalah")])
    writer.writerows([e.row, e.column, e.value, e.reason] for e in report.errors)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type=CONTENT_TYPES[CSV])
    response["Content-Disposition"] = f'attachment; filename="galat-{stored.path.stem[:12]}.csv"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The expected columns with one example row, as CSV or XLSX."""
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    response = HttpResponse(template_bytes(kind, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.{fmt}"'
    return response
