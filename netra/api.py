"""The REST API: one NinjaAPI, each app mounts its router under /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

api = NinjaAPI(
    title="Netra API",
    version="1",
    description="Pengawasan netralitas ASN dalam pemilihan — API",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"code": "not_authenticated", "detail": "Login required"}, status=401
    )


def _mount() -> None:
    from netra.cases.api import router as cases_router
    from netra.elections.api import router as elections_router
    from netra.notifications.api import router as notifications_router
    from netra.prevention.api import router as prevention_router
    from netra.regions.api import router as regions_router
    from netra.registry.api import router as registry_router

    api.add_router("/regions/", regions_router)
    api.add_router("/registry/", registry_router)
    api.add_router("/elections/", elections_router)
    api.add_router("/prevention/", prevention_router)
    api.add_router("/cases/", cases_router)
    api.add_router("/notifications/", notifications_router)


_mount()
