"""Short verification codes for signed documents (pacts and close-out statements).

The code is an HMAC-SHA256 over the signed content, keyed by
``settings.NETRA_VERIFICATION_KEY`` (or, if unset, a key derived from ``SECRET_KEY``),
cut to 60 bits and written as 12 base32 letters in groups of four, e.g. ``K7QD-M2XA-5PLB``
style, short enough to type from paper. The public page looks a code up and recomputes
it from the stored content: a typo, a made-up code or a record edited after signing all
fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_LENGTH = 12
_SALT = "netra.prevention.verification"
# People misread these when typing from paper; base32 has no 0, 1 or 8.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
_NOT_BASE32 = re.compile(r"[^A-Z2-7]")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key() -> str:
    return getattr(settings, "NETRA_VERIFICATION_KEY", "") or settings.SECRET_KEY


def compute_code(content: Mapping[str, object]) -> str:
    """The 12-letter code for ``content`` (a JSON-serialisable mapping)."""
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = salted_hmac(_SALT, payload, secret=_key(), algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode("ascii")[:CODE_LENGTH]


def code_matches(code: str, content: Mapping[str, object]) -> bool:
    return constant_time_compare(code, compute_code(content))


def normalize_code(raw: str) -> str:
    """``" k7qd-m2xa 9plb "`` → ``"K7QDM2XA5PLB"``; anything else is dropped."""
    return _NOT_BASE32.sub("", raw.upper().translate(_LOOKALIKES))


def format_code(code: str) -> str:
    """``"K7QDM2XA5PLB"`` → ``"K7QD-M2XA-5PLB"``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_checkin_code() -> str:
    """A random 6-letter code an attendee types from the screen (no lookalikes)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))
