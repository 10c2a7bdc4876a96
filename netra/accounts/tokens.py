"""API tokens: how they look, how they are stored, and who a presented token belongs to.

A token is ``netra_`` followed by 43 random URL-safe characters (256 bits). Being random,
it needs no slow password hash: the database keeps its SHA-256 digest, and a presented
token is looked up by digest. The first characters (the prefix) are kept in clear so a
user can tell their tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken, User

TOKEN_START = "netra_"  # noqa: S105 — a public marker, not a secret
PREFIX_LENGTH = 12


def generate() -> str:
    return TOKEN_START + secrets.token_urlsafe(32)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def user_for_token(raw: str) -> User | None:
    """The active user a live (not revoked, not expired) token belongs to, else None."""
    if not raw.startswith(TOKEN_START) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(raw)).first()
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return None
    if not token.user.is_active:
        return None
    return token.user
