"""System checks: production must not encrypt reporter identities with a derived key."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register

from .crypto import configured_keys


@register(Tags.security, deploy=True)
def field_keys_configured(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if configured_keys():
        return []
    return [
        Error(
            "NETRA_FIELD_KEYS belum diisi: identitas pelapor akan dienkripsi dengan kunci "
            "turunan SECRET_KEY.",
            hint="Buat kunci dengan `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'` dan isi NETRA_FIELD_KEYS.",
            id="cases.E001",
        )
    ]
