"""Sign-in (with a cap on failed attempts), sign-out, profile and password change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from netra.core.middleware import request_ip
from netra.core.ratelimit import Limit

# Failed sign-ins allowed per account and per client address in a 15-minute window.
FAILED_LOGINS_PER_USER = Limit("netra.login.user", "5/15m")
FAILED_LOGINS_PER_IP = Limit("netra.login.ip", "30/15m")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _keys(self, request: HttpRequest) -> list[tuple[Limit, str]]:
        username = request.POST.get("username", "").strip().lower()[:150]
        return [
            (FAILED_LOGINS_PER_USER, username),
            (FAILED_LOGINS_PER_IP, request_ip(request) or "unknown"),
        ]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keys = self._keys(request)
        if any(limit.exhausted(request, value) for limit, value in keys):
            form = self.get_form_class()(request)
            context = self.get_context_data(form=form, locked_out=True)
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: wrong credentials
            for limit, value in keys:
                limit.fail(request, value)
        return response


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
