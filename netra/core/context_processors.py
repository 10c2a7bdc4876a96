from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def netra(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs: the user's roles for the navigation, the languages."""
    user = getattr(request, "user", None)
    roles = []
    if user is not None and user.is_authenticated:
        roles = list(user.role_assignments.select_related("region"))
    return {"netra_roles": roles, "netra_languages": settings.LANGUAGES}
