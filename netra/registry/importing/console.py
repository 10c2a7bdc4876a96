"""Terminal output for imports: a rich progress bar and the error table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .report import STAGE_CHECK, STAGE_SAVE, ImportReport
from .report import Progress as ProgressCallback


@contextmanager
def progress_bar(console: Console | None = None) -> Iterator[ProgressCallback]:
    """A progress callback drawing one bar per stage (checking, saving)."""
    labels = {STAGE_CHECK: _("Memeriksa baris"), STAGE_SAVE: _("Menyimpan")}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))  # type: ignore[arg-type]

        yield update


class _Writer(Protocol):
    def write(self, text: str) -> object: ...


def print_errors(report: ImportReport, stream: _Writer) -> None:
    """Every error, one line each: row, column, value, reason (plain text, greppable)."""
    for error in report.errors:
        stream.write(f"{error}\n")


def summary(report: ImportReport) -> str:
    return _(
        "%(rows)s baris: %(created)s baru, %(updated)s diperbarui, %(unchanged)s tetap, "
        "%(social)s akun media sosial baru."
    ) % {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "social": report.social_created,
    }
