from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_tables(using: str = "default", **kwargs: Any) -> None:
    """The database cache (sign-in limits, rate limits) needs its table after ``migrate``."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "netra.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        post_migrate.connect(_create_cache_tables, sender=self)
