"""Writes to users and role assignments."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from netra.core.audit import record_audit

from .models import RoleAssignment, User


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
