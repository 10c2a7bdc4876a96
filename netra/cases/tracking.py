"""Tracking codes and PINs for public reports.

A tracking code is 10 characters of Crockford base32 (no I, L, O, U): about 50 bits,
unguessable, easy to read aloud and to type on a phone. Input is forgiving: case,
spaces and dashes are ignored, and O/I/L are read as 0/1/1. The PIN is 6 digits and
is stored only as a Django password hash.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
PIN_LENGTH = 6
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def normalize_tracking_code(raw: str) -> str:
    """The stored form of a code as typed by a person."""
    text = "".join(ch for ch in raw.upper() if ch.isalnum())
    return text.translate(_READ_AS)


def format_tracking_code(code: str) -> str:
    """``ABCDE-FGHJK``: the form printed on the receipt and shown on screen."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code
