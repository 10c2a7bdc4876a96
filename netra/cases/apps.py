from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "netra.cases"
    label = "cases"
    verbose_name = _("Perkara")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check for field keys)
