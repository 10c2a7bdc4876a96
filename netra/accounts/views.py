"""Sign-in (with a cap on failed attempts), sign-out, profile and password change."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from netra.core.middleware import request_ip
from netra.core.ratelimit import Limit

# Failed sign-ins allowed per account and per client address in a 15-minute window.
FAILED_LOGINS_PER_USER = Limit("netra.login.user", "5/15m")
FAILED_LOGINS_PER_IP = Limit("netra.login.ip", "30/15m")

View = Callable[..., HttpResponseBase]


def _limits(request: HttpRequest) -> list[tuple[Limit, str]]:
    username = request.POST.get("username", "").strip().lower()[:150]
    return [
        (FAILED_LOGINS_PER_USER, username),
        (FAILED_LOGINS_PER_IP, request_ip(request) or "unknown"),
    ]


def limit_failed_logins(view: View) -> View:
    """Refuse sign-in (429) once an account or an address has failed too often.

    Wraps any view that answers a failed sign-in with the form again (status 200) and a
    successful one with a redirect: ours and the Django admin's.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        limits = _limits(request)
        if any(limit.exhausted(request, value) for limit, value in limits):
            context = {
                "form": AuthenticationForm(request),
                "locked_out": True,
                "next": request.POST.get("next", ""),
            }
            return render(request, "accounts/login.html", context, status=429)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: wrong credentials
            for limit, value in limits:
                limit.fail(request, value)
        return response

    return wrapper


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = limit_failed_logins(LoginView.as_view())


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi Anda sudah diganti."))
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")
