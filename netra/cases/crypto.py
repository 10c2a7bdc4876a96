"""Encryption at rest for reporter identities.

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256). Keys come from
``settings.NETRA_FIELD_KEYS`` (or the ``NETRA_FIELD_KEYS`` environment variable, comma
separated), newest first, so a key can be rotated: new values use the first key, old
values still decrypt with any key in the list. Without configured keys a key is derived
from ``SECRET_KEY``; that is for development and tests only and the deploy check
``cases.E001`` refuses it in production.
"""

from __future__ import annotations

import base64
import hashlib
import os
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


def configured_keys() -> list[str]:
    keys = getattr(settings, "NETRA_FIELD_KEYS", None) or os.environ.get("NETRA_FIELD_KEYS", "")
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",")]
    return [k for k in keys if k]


def _derived_key() -> bytes:
    digest = hashlib.sha256(b"netra-field-key:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    if keys:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    return MultiFernet([Fernet(_derived_key())])


def fernet() -> MultiFernet:
    return _fernet(tuple(configured_keys()), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("Data terenkripsi tidak dapat dibuka dengan kunci yang ada") from exc


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token; empty stays empty (nothing to hide)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(str(value))
