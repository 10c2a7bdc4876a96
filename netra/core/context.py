"""Who is acting and from where, for the current request or command.

Services take the acting user explicitly (``actor=``); the client IP is not the
service's business, so the request middleware records it here and the audit log reads
it. Context variables keep threads and async tasks apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("netra_client_ip", default=None)


def client_ip() -> str | None:
    """The IP address of the request being served, if any."""
    return _client_ip.get()


@contextlib.contextmanager
def acting_from(ip: str | None) -> Iterator[None]:
    """Attribute audit events written inside this block to ``ip``."""
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)
