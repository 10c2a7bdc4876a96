"""The REST API: one NinjaAPI, each app mounts its router under /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer netra_…`` for programs; acts with the token owner's roles."""

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        from netra.accounts.tokens import user_for_token

        user = user_for_token(token)
        if user is None:
            return None
        request.user = user  # selectors scope by request.user, as for a signed-in person
        return user


api = NinjaAPI(
    title="Netra API",
    version="1",
    description=(
        "Pengawasan netralitas ASN dalam pemilihan — API. Masuk lewat sesi peramban, "
        "atau kirim token API (perintah `netra api_token issue`) sebagai "
        "`Authorization: Bearer <token>`. Setiap jawaban dibatasi wilayah tugas pengguna."
    ),
    auth=[ApiTokenAuth(), django_auth],  # token first: session auth rejects POSTs without CSRF
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
