"""Writes to the region table."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from netra.core.audit import record_audit

from .models import CODE_PARTS, Level, Region, validate_code

REQUIRED_COLUMNS = ("kode", "level", "nama", "parent_kode")


class RegionFileError(ValueError):
    """The file cannot be loaded; ``errors`` lists every problem with its line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)


def _read_rows(source: Path | str | io.TextIOBase) -> list[dict[str, str]]:
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    return list(csv.DictReader(source))


def _validate(rows: Sequence[Mapping[str, str]], known: set[str]) -> list[str]:
    errors: list[str] = []
    if rows:
        missing = [c for c in REQUIRED_COLUMNS if c not in rows[0]]
        if missing:
            return [f"missing column(s): {', '.join(missing)}"]
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        code = (row.get("kode") or "").strip()
        level = (row.get("level") or "").strip().lower()
        parent = (row.get("parent_kode") or "").strip()
        try:
            validate_code(code)
        except ValidationError:
            errors.append(
                f"line {line}, kode: '{code}' is not a Kemendagri code like 35.73.05.1012"
            )
            continue
        if level not in Level.values:
            errors.append(f"line {line}, level: '{level}' is not one of {', '.join(Level.values)}")
            continue
        if code.count(".") + 1 != CODE_PARTS[Level(level)]:
            errors.append(f"line {line}, kode: '{code}' does not have the shape of a {level} code")
        if not (row.get("nama") or "").strip():
            errors.append(f"line {line}, nama: empty")
        if parent and not code.startswith(f"{parent}."):
            errors.append(f"line {line}, parent_kode: '{code}' does not start with '{parent}.'")
        if parent and parent not in seen and parent not in known:
            errors.append(
                f"line {line}, parent_kode: '{parent}' is neither in the file above nor loaded"
            )
        if code in seen:
            errors.append(f"line {line}, kode: '{code}' appears twice")
        seen.add(code)
    return errors


def load_regions(*, actor: Any, source: Path | str | io.TextIOBase) -> LoadResult:
    """Create or update regions from a ``kode,level,nama,parent_kode`` CSV.

    Idempotent: loading the same file twice changes nothing the second time. Parents
    must come before children (in the file or already in the database). The whole
    file is checked first; one bad line and nothing is written.
    """
    rows = _read_rows(source)
    with transaction.atomic():
        existing = {r.code: r for r in Region.objects.select_for_update()}
        errors = _validate(rows, set(existing))
        if errors:
            raise RegionFileError(errors)
        result = LoadResult()
        for row in rows:
            code = row["kode"].strip()
            values = {
                "level": row["level"].strip().lower(),
                "name": row["nama"].strip(),
                "parent": existing.get(row["parent_kode"].strip()) if row["parent_kode"] else None,
            }
            region = existing.get(code)
            if region is None:
                region = Region.objects.create(code=code, **values)
                existing[code] = region
                result.created += 1
                result.codes.append(code)
            elif any(getattr(region, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(region, key, value)
                region.save()
                result.updated += 1
                result.codes.append(code)
            else:
                result.unchanged += 1
        if result.created or result.updated:
            record_audit(
                actor=actor,
                action="regions.loaded",
                after={"created": result.created, "updated": result.updated, "codes": result.codes},
                object_repr=f"{result.created} created, {result.updated} updated",
            )
    return result
