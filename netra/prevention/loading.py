"""Loading the pact templates from ``data/pact-templates.json`` (used by a migration)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TEMPLATES_FILE = Path(__file__).parent / "data" / "pact-templates.json"


def load_pact_templates(model: Any) -> int:
    """Add template versions that are not stored yet; never change a stored version."""
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    added = 0
    for row in data["templates"]:
        _, created = model.objects.get_or_create(
            role=row["role"],
            version=row["version"],
            defaults={k: row[k] for k in ("title_id", "title_en", "body_id", "body_en")},
        )
        added += int(created)
    return added
