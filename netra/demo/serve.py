"""Serving the demo: the development server plus an in-process task worker.

The worker (django-tasks-db's ``db_worker``) runs as a child process so that
background tasks (notifications, scans) run without any other server; it is stopped
when the web server stops, by Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterator
from types import FrameType

from django.core.management import call_command


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # `timeout` and process managers may signal the whole group more than once; the
    # first signal starts the shutdown, later ones must not interrupt stopping the worker.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt  # runserver exits cleanly on it, so the worker is stopped too


@contextlib.contextmanager
def task_worker() -> Iterator[subprocess.Popen[bytes]]:
    """A ``db_worker`` child process for as long as the block runs."""
    command = [sys.executable, "-m", "netra", "db_worker", "--no-reload", "--no-startup-delay"]
    worker = subprocess.Popen(command)  # noqa: S603 - our own interpreter and module
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()


def serve(*, port: int) -> None:
    """Run the web server on 127.0.0.1:``port`` with a task worker beside it."""
    signal.signal(signal.SIGTERM, _interrupt)
    with task_worker():
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
