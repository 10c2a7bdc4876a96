"""Official election schedules (tahapan dan jadwal), kept as data in ``schedules/``.

Each file is one KPU regulation: ``pkpu-2-2024.json`` (Pilkada 2024) and
``pkpu-3-2022.json`` (Pemilu 2024). Stage codes are stable slugs (``kampanye``,
``masa-tenang``, ``pemungutan-suara`` …) that other features look stages up by.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .models import ElectionKind

SCHEDULE_DIR = Path(__file__).resolve().parent / "schedules"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScheduleError(ValueError):
    """A schedule cannot be read or applied; the message names the file and the stage."""


@dataclass(frozen=True)
class StageSpec:
    code: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    order: int


@dataclass(frozen=True)
class Schedule:
    name: str
    title: str
    kind: str
    legal_basis: str
    stages: tuple[StageSpec, ...]

    def stage(self, code: str) -> StageSpec | None:
        return next((s for s in self.stages if s.code == code), None)


def available_schedules() -> list[str]:
    """Names of the schedules shipped with Netra, e.g. ``pkpu-2-2024``."""
    return sorted(p.stem for p in SCHEDULE_DIR.glob("*.json"))


def _date(value: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ScheduleError(f"{where}: '{value}' is not a date like 2024-11-27") from None


def parse_schedule(data: object, *, source: str) -> Schedule:
    """Check a decoded schedule file and turn it into a :class:`Schedule`."""
    if not isinstance(data, dict):
        raise ScheduleError(f"{source}: expected a JSON object with 'stages'")
    for key in ("name", "kind", "legal_basis", "stages"):
        if key not in data:
            raise ScheduleError(f"{source}: missing key '{key}'")
    if data["kind"] not in ElectionKind.values:
        raise ScheduleError(
            f"{source}: kind '{data['kind']}' is not one of {', '.join(ElectionKind.values)}"
        )
    if not isinstance(data["stages"], list) or not data["stages"]:
        raise ScheduleError(f"{source}: 'stages' must be a non-empty list")
    stages: list[StageSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["stages"], start=1):
        where = f"{source}, stage {index}"
        if not isinstance(raw, dict):
            raise ScheduleError(f"{where}: expected an object with code, name, starts_on, ends_on")
        code = str(raw.get("code", "")).strip()
        if not _SLUG.match(code) or len(code) > 40:
            raise ScheduleError(f"{where}: code '{code}' must be a lower-case slug like kampanye")
        if code in seen:
            raise ScheduleError(f"{where}: code '{code}' appears twice")
        seen.add(code)
        name = str(raw.get("name", "")).strip()
        if not name:
            raise ScheduleError(f"{where} ({code}): name is empty")
        starts_on = _date(raw.get("starts_on"), f"{where} ({code}), starts_on")
        ends_on = _date(raw.get("ends_on"), f"{where} ({code}), ends_on")
        if ends_on < starts_on:
            raise ScheduleError(
                f"{where} ({code}): ends_on {ends_on} is before starts_on {starts_on}"
            )
        stages.append(StageSpec(code, name, starts_on, ends_on, order=index * 10))
    return Schedule(
        name=str(data["name"]),
        title=str(data.get("title", "")),
        kind=str(data["kind"]),
        legal_basis=str(data["legal_basis"])[:200],
        stages=tuple(stages),
    )


def load_schedule_file(name: str) -> Schedule:
    """The shipped schedule called ``name`` (without ``.json``)."""
    if not _SLUG.match(name):
        raise ScheduleError(f"'{name}' is not a schedule name; available: {_names()}")
    path = SCHEDULE_DIR / f"{name}.json"
    if not path.is_file():
        raise ScheduleError(f"no schedule called '{name}'; available: {_names()}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ScheduleError(f"{path.name}: not valid JSON ({exc})") from None
    return parse_schedule(data, source=path.name)


def _names() -> str:
    return ", ".join(available_schedules())
