from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "netra.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from django.contrib import admin

        from .views import limit_failed_logins

        # The admin has its own sign-in form: the same cap on failed attempts applies.
        admin.site.login = limit_failed_logins(admin.site.login)  # type: ignore[method-assign,assignment]
