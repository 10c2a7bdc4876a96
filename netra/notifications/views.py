"""The user's in-app notifications page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import notifications_for, unread_count
from .services import mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": unread_count(request.user)},
    )


@require_POST
@login_required
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one (``id``) or all notifications read, then go where the user was headed."""
    raw = request.POST.get("id", "")
    ids = [int(raw)] if raw.isdigit() else None
    mark_read(actor=request.user, ids=ids)  # type: ignore[arg-type]
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")
