"""Writes to users and role assignments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from netra.core.audit import record_audit

from . import tokens
from .models import ApiToken, RoleAssignment, User


def create_user(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a login; ``password=None`` leaves it unusable until reset."""
    with transaction.atomic():
        user = User(
            username=username,
            full_name=full_name,
            email=email,
            is_staff=is_staff or is_superuser,
            is_superuser=is_superuser,
        )
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.full_clean()
        user.save()
        record_audit(
            actor=actor,
            action="user.created",
            obj=user,
            after={"username": username, "full_name": full_name, "is_superuser": is_superuser},
        )
    return user


def assign_role(
    *, actor: Any, user: User, role: str, region: Any = None, election: Any = None
) -> RoleAssignment:
    """Give ``user`` a role over ``region`` (validated against the role's level)."""
    with transaction.atomic():
        assignment = RoleAssignment(user=user, role=role, region=region, election=election)
        assignment.full_clean()
        assignment.save()
        record_audit(
            actor=actor,
            action="role.assigned",
            obj=assignment,
            after={
                "user": user.username,
                "role": role,
                "region": getattr(region, "code", None),
                "election": getattr(election, "slug", None),
            },
        )
    return assignment


def issue_api_token(
    *, actor: Any, user: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new API token for ``user``; the returned string is the only copy of the secret."""
    raw = tokens.generate()
    with transaction.atomic():
        token = ApiToken(
            user=user,
            name=name,
            prefix=raw[: tokens.PREFIX_LENGTH],
            digest=tokens.digest_of(raw),
            expires_at=expires_at,
        )
        token.full_clean()
        token.save()
        record_audit(
            actor=actor,
            action="api_token.issued",
            obj=token,
            after={
                "user": user.username,
                "name": name,
                "prefix": token.prefix,
                "expires_at": expires_at,
            },
        )
    return token, raw


def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """Stop ``token`` from working, from now on (idempotent)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_audit(
                actor=actor,
                action="api_token.revoked",
                obj=token,
                after={"user": token.user.username, "prefix": token.prefix},
            )
    return token
