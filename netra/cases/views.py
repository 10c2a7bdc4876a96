"""Officers' pages: case list, case detail with workflow buttons, evidence, deadlines.

Every case comes from :func:`~netra.cases.selectors.cases_visible_to`: a case outside
the user's scope is a 404, never a 403, so its existence is not revealed. Evidence is
served only through :func:`evidence_file` after the same check.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import evidence as storage
from .forms import CaseFilterForm, FindingForm, initial_for, transition_form_class
from .models import Case, CaseDeadline, Evidence, State
from .selectors import (
    case_view,
    cases_visible_to,
    deadline_status,
    deadlines_at_risk,
    timeline_of,
)
from .services import CaseError, IllegalTransition, record_finding, transition_case
from .workflow import MAIN_PATH, move_for

# Images open in the browser; anything else downloads (a PDF or video never renders
# inside our origin).
INLINE_TYPES = frozenset(storage.IMAGE_TYPES)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases in the user's scope, filtered by state, kecamatan and violation form."""
    running = CaseDeadline.objects.filter(stopped_at__isnull=True).select_related("rule")
    cases: Any = cases_visible_to(request.user).prefetch_related(
        Prefetch("deadlines", queryset=running, to_attr="running_deadlines")
    )
    filters = CaseFilterForm(request.GET or None, user=request.user)
    cases = filters.apply(cases)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "case": case,
            "deadlines": [deadline_status(d) for d in getattr(case, "running_deadlines", [])],
        }
        for case in page
    ]
    template = "cases/_case_rows.html" if _htmx(request) else "cases/case_list.html"
    return render(request, template, {"page": page, "rows": rows, "filters": filters})


def _visible_case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(cases_visible_to(request.user), pk=pk)


def _transition_forms(request: HttpRequest, case: Case, view: Any, bound: Any = None) -> list[Any]:
    items = []
    for to_state in view.next_states:
        move = move_for(case.state, to_state)
        assert move is not None
        form_class = transition_form_class(move, user=request.user, case=case)
        form = bound if bound is not None and bound.to_state == to_state else None
        if form is None:
            form = form_class(initial=initial_for(move, case), prefix=to_state)
            form.to_state = to_state  # type: ignore[attr-defined]
        items.append(
            {
                "to_state": to_state,
                "label": move.label,
                "state_label": State(to_state).label,
                "form": form,
                "open": bound is not None and bound.to_state == to_state,
            }
        )
    return items


def _detail_context(request: HttpRequest, case: Case, bound: Any = None) -> dict[str, Any]:
    view = case_view(request.user, case)
    running = case.deadlines.select_related("rule").order_by("stopped_at", "due_on")
    passed = {c.to_state for c in case.state_changes.all()}
    return {
        "case": case,
        "view": view,
        "report": getattr(case, "report", None),
        "evidence": case.evidence.order_by("pk"),
        "timeline": timeline_of(case),
        "state_changes": case.state_changes.select_related("actor"),
        "notes": case.notes.select_related("author"),
        "deadlines": [
            {"deadline": d, "status": deadline_status(d) if d.is_running else None} for d in running
        ],
        "transitions": _transition_forms(request, case, view, bound),
        # A refused move this user is not offered still needs its reason on screen.
        "refused": (
            [str(e) for e in bound.non_field_errors()]
            if bound is not None and bound.to_state not in view.next_states
            else []
        ),
        "path": [{"state": s, "label": s.label, "done": s in passed} for s in MAIN_PATH],
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case: facts, reporter (when allowed), evidence, deadlines, timeline, moves."""
    case = _visible_case(request, pk)
    return render(request, "cases/case_detail.html", _detail_context(request, case))


@login_required
@require_POST
def case_transition(request: HttpRequest, pk: int, to_state: str) -> HttpResponse:
    """Apply one workflow move; errors come back on the same form (htmx or not)."""
    case = _visible_case(request, pk)
    move = move_for(case.state, to_state)
    if move is None:
        messages.error(
            request,
            _("Langkah ke “%(to)s” tidak tersedia dari status sekarang (“%(now)s”).")
            % {"to": to_state, "now": case.get_state_display()},
        )
        return _back_to(request, case)
    form = transition_form_class(move, user=request.user, case=case)(request.POST, prefix=to_state)
    form.to_state = to_state  # type: ignore[attr-defined]
    if form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note", "") or ""
        try:
            transition_case(actor=request.user, case=case, to_state=to_state, note=note, **data)
        except IllegalTransition as exc:
            for name in exc.fields:
                if name in form.fields:
                    form.add_error(name, exc.message)
            if not exc.fields or not set(exc.fields) & set(form.fields):
                form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Perkara %(ref)s kini berstatus “%(state)s”.")
                % {"ref": case.reference, "state": State(to_state).label},
            )
            return _back_to(request, case)
    case.refresh_from_db()
    context = _detail_context(request, case, bound=form)
    # htmx swaps only successful responses: it gets 200 and replaces the actions block.
    return render(request, "cases/case_detail.html", context, status=200 if _htmx(request) else 422)


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _back_to(request: HttpRequest, case: Case) -> HttpResponse:
    url = reverse("cases:detail", args=[case.pk])
    if _htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve one evidence file to a user who may see its case (404 otherwise)."""
    item = get_object_or_404(
        Evidence.objects.select_related("case"), pk=pk, case__in=cases_visible_to(request.user)
    )
    try:
        handle = storage.open_blob(item.sha256)
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas bukti tidak ditemukan di penyimpanan.")) from exc
    storage.record_evidence_opened(actor=request.user, item=item)
    inline = item.content_type in INLINE_TYPES
    extension = storage.EXTENSIONS.get(item.content_type, "bin")
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=not inline,
        filename=f"{item.case.reference}-{item.sha256[:12]}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@login_required
def deadlines_page(request: HttpRequest) -> HttpResponse:
    """Running deadlines with at most one day left, or already passed, in scope."""
    return render(
        request, "cases/deadlines_at_risk.html", {"statuses": deadlines_at_risk(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request: HttpRequest) -> HttpResponse:
    """Record a finding (temuan) with evidence; it starts at the desk of the place."""
    form = FindingForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        case = _record_finding(request, form)
        if case is not None:
            messages.success(
                request, _("Temuan dicatat sebagai perkara %(ref)s.") % {"ref": case.reference}
            )
            if cases_visible_to(request.user).filter(pk=case.pk).exists():
                return redirect("cases:detail", pk=case.pk)
            return redirect("cases:finding_create")
    return render(request, "cases/finding_form.html", {"form": form})


def _record_finding(request: HttpRequest, form: FindingForm) -> Case | None:
    from django.db import transaction

    data = form.cleaned_data
    try:
        stored = storage.store_all(data["attachments"])
        with transaction.atomic():
            case = record_finding(
                actor=request.user,  # type: ignore[arg-type]
                election=data["election"],
                region=data["region"],
                summary=data["summary"],
                known_on=data["known_on"],
                occurred_on=data["occurred_on"],
                place=data["place"],
                subject_text=data["subject_text"],
                reported_form=data["reported_form"],
                links=data["links"],
            )
            storage.attach_stored(actor=request.user, case=case, stored=stored)
    except storage.EvidenceRejected as exc:
        form.add_error("attachments", exc.message)
        return None
    except CaseError as exc:
        form.add_error(None, exc.message)
        return None
    return case
