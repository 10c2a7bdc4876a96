"""Load the rule catalogue from the JSON files shipped in ``catalogue/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).parent / "catalogue"


def catalogue(name: str) -> dict[str, Any]:
    with open(CATALOGUE_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_catalogue(violation_form_model: Any, deadline_rule_model: Any) -> tuple[int, int]:
    """Insert or update every form and deadline rule; used by the data migration.

    Takes the model classes so the migration can pass its historical models.
    """
    forms = catalogue("violation-forms.json")["forms"]
    for row in forms:
        defaults = _known_fields(violation_form_model, row, exclude={"code"})
        violation_form_model.objects.update_or_create(code=row["code"], defaults=defaults)
    rules = catalogue("deadline-rules.json")["deadlines"]
    for row in rules:
        keys = {"code": row["code"], "election_kind": row["election_kind"]}
        defaults = _known_fields(deadline_rule_model, row, exclude=set(keys))
        deadline_rule_model.objects.update_or_create(**keys, defaults=defaults)
    return len(forms), len(rules)


def _known_fields(model: Any, row: dict[str, Any], exclude: set[str]) -> dict[str, Any]:
    # A migration's historical model may lack fields added to the JSON later.
    names = {f.name for f in model._meta.get_fields()}
    return {k: v for k, v in row.items() if k in names and k not in exclude}
