"""What an import found and did, and the column mapping shared by every import."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .tabular import Cell, LostDigits, Table, normalize_header

# progress(stage, done, total): stage is one of the STAGE_* labels below.
Progress = Callable[[str, int, int], None]

STAGE_CHECK = "check"
STAGE_SAVE = "save"


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class RowError:
    """One thing wrong in one cell (or one row, when ``column`` is empty)."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = _("baris %(row)s") % {"row": self.row} if self.row else _("berkas")
        if self.column:
            where += _(", kolom %(column)s") % {"column": self.column}
        value = f" ({self.value!r})" if self.value else ""
        return f"{where}{value}: {self.reason}"


@dataclass
class ImportReport:
    """The outcome of a dry run or a real run; ``applied`` says which."""

    kind: str  # "asn" or "unit"
    source_name: str
    sha256: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    social_created: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "source_name": self.source_name,
            "sha256": self.sha256,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "social_created": self.social_created,
            "applied": self.applied,
            "ignored_columns": self.ignored_columns,
            "errors": [
                {"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
                for e in self.errors
            ],
        }


class ImportRejected(Exception):
    """A real run refused because the file has errors; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            _("Impor dibatalkan: %(n)s galat pada %(rows)s baris; tidak ada data yang diubah.")
            % {"n": len(report.errors), "rows": report.bad_rows}
        )
        self.report = report


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Column:
    """A column an import understands: its canonical name and the headers that mean it."""

    name: str
    aliases: tuple[str, ...]
    required: bool = False

    def matches(self, header: str) -> bool:
        return header == self.name or header in self.aliases


def known_headers(columns: tuple[Column, ...]) -> frozenset[str]:
    """Every normalised header any of ``columns`` answers to."""
    return frozenset(name for c in columns for name in (c.name, *c.aliases))


class Mapping:
    """Where each known column sits in a table, and its header as the user wrote it."""

    def __init__(self, table: Table, columns: tuple[Column, ...], errors: list[RowError]) -> None:
        self.index: dict[str, int] = {}
        self.label: dict[str, str] = {c.name: c.name for c in columns}
        self.ignored: list[str] = []
        for position, header in enumerate(table.headers):
            key = normalize_header(header)
            if not key:
                continue
            column = next((c for c in columns if c.matches(key)), None)
            if column is None:
                self.ignored.append(header)
            elif column.name in self.index:
                errors.append(
                    RowError(
                        table.header_row,
                        header,
                        "",
                        _("Kolom %(column)s muncul dua kali.") % {"column": column.name},
                    )
                )
            else:
                self.index[column.name] = position
                self.label[column.name] = header
        for column in columns:
            if column.required and column.name not in self.index:
                errors.append(
                    RowError(
                        table.header_row,
                        column.name,
                        "",
                        _(
                            "Kolom wajib %(column)s tidak ada "
                            "(nama lain yang diterima: %(aliases)s)."
                        )
                        % {"column": column.name, "aliases": ", ".join(column.aliases)},
                    )
                )

    def cell(self, cells: list[Cell], name: str) -> Cell:
        position = self.index.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position]

    def text(self, cells: list[Cell], name: str) -> str:
        return str(self.cell(cells, name))


TRUE_WORDS = frozenset({"ya", "y", "1", "true", "benar", "yes", "iya", "v", "x"})
FALSE_WORDS = frozenset({"tidak", "t", "0", "false", "salah", "no", "n", "bukan", ""})


def parse_flag(text: str) -> bool | None:
    """ya/tidak, 1/0, true/false (any case); ``None`` when it is none of these."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def lost_digits_reason(cell: LostDigits) -> str:
    return _(
        "Angka ini disimpan Excel sebagai bilangan (%(shown)s) sehingga digit terakhirnya "
        "hilang; ubah format kolom menjadi Teks lalu ketik ulang."
    ) % {"shown": cell.shown}
