"""API tokens let programs use the API with their owner's scope, and nothing more."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from netra.accounts.models import ApiToken, Role
from netra.accounts.services import issue_api_token, revoke_api_token
from netra.core.models import AuditEvent
from netra.testing.factories import UnitFactory, UserFactory, region, user_with_role

UNITS = "/api/v1/registry/units"


def _get(url: str, token: str) -> Any:
    return Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def camat_token(regions: None) -> str:
    UnitFactory.create(code="kec-lowokwaru", region=region("35.73.05"))
    UnitFactory.create(code="kec-klojen", region=region("35.73.02"))
    camat = user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    _token, raw = issue_api_token(actor=None, user=camat, name="skrip rekap")
    return raw


def test_a_token_sees_what_its_owner_sees(camat_token: str) -> None:
    response = _get(UNITS, camat_token)
    assert response.status_code == 200
    codes = {row["code"] for row in response.json()["items"]}
    assert codes == {"kec-lowokwaru"}


def test_only_a_digest_is_stored_and_the_issue_is_audited(camat_token: str) -> None:
    token = ApiToken.objects.get()
    assert camat_token not in (token.digest, token.prefix)
    assert camat_token.startswith(token.prefix)
    event = AuditEvent.objects.filter(action="api_token.issued").get()
    assert camat_token not in str(event.after)
    assert event.after == {
        "user": "camat.lowokwaru",
        "name": "skrip rekap",
        "prefix": token.prefix,
        "expires_at": None,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["Bearer netra_salah", "Bearer ", "Token netra_abc", "Basic dXNlcjpwYXNz"],
)
def test_bad_credentials_get_401(header: str) -> None:
    response = Client().get(UNITS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_revoked_token_stops_working(camat_token: str) -> None:
    revoke_api_token(actor=None, token=ApiToken.objects.get())
    assert _get(UNITS, camat_token).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_expired_token_and_inactive_owner_are_refused(camat_token: str) -> None:
    token = ApiToken.objects.get()
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert _get(UNITS, camat_token).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    assert _get(UNITS, camat_token).status_code == 200
    token.user.is_active = False
    token.user.save()
    assert _get(UNITS, camat_token).status_code == 401


@pytest.mark.django_db
def test_command_issues_lists_and_revokes() -> None:
    UserFactory.create(username="pemindai")
    out, err = StringIO(), StringIO()
    call_command(
        "api_token",
        "issue",
        "pemindai",
        "--name",
        "scanner",
        "--days",
        "30",
        stdout=out,
        stderr=err,
    )
    raw = out.getvalue().strip()
    assert raw.startswith("netra_")
    assert "cannot be shown again" in err.getvalue()
    assert _get("/api/v1/elections/", raw).status_code == 200

    token = ApiToken.objects.get()
    assert token.expires_at is not None
    listing = StringIO()
    call_command("api_token", "list", stdout=listing)
    assert f"{token.prefix}\tpemindai\tscanner\tactive" in listing.getvalue()

    call_command("api_token", "revoke", token.prefix, stdout=StringIO())
    assert _get("/api/v1/elections/", raw).status_code == 401
    with pytest.raises(CommandError, match="no user with username 'siapa'"):
        call_command("api_token", "issue", "siapa", "--name", "x")


def test_token_requests_need_no_csrf_token_but_session_posts_do(camat_token: str) -> None:
    upload = ("asn.csv", b"nip,nama\n", "text/csv")
    url = "/api/v1/registry/import/asn"
    with_token = Client(enforce_csrf_checks=True).post(
        url, {"file": _file(*upload)}, HTTP_AUTHORIZATION=f"Bearer {camat_token}"
    )
    assert "CSRF" not in with_token.content.decode()
    session = Client(enforce_csrf_checks=True)
    session.force_login(ApiToken.objects.get().user)
    refused = session.post(url, {"file": _file(*upload)})
    assert refused.status_code == 403
    assert "CSRF" in refused.content.decode()


def _file(name: str, content: bytes, content_type: str) -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_admin_lists_tokens_and_revokes_them(camat_token: str) -> None:
    admin_user = UserFactory.create(username="admin.kota", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin_user)
    token = ApiToken.objects.get()
    listing = client.get("/admin/accounts/apitoken/").content.decode()
    assert token.prefix in listing
    assert camat_token not in listing
    client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert _get(UNITS, camat_token).status_code == 401
    assert AuditEvent.objects.get(action="api_token.revoked").actor_id == admin_user.pk
