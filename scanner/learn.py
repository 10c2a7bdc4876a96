"""Optional learned re-scorer (scikit-learn, extra ``ml``) on top of the rule layer.

It learns how much each explainable rule family should weigh from labelled posts, so the
model stays as readable as the rules: one coefficient per reason code. Trained with
``netra-scan train --watchlist W.json --input labelled.csv --output model.json``.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .score import REASON_CODES, Result
from .watchlist import Watchlist

if TYPE_CHECKING:
    from .engine import Scanner

FEATURES = sorted(set(REASON_CODES))


def features(scanner: Scanner, text: str) -> list[float]:
    """Rule points of one text, in `FEATURES` order (0 where a rule did not fire)."""
    points = scanner.scan_text(text).points
    return [points.get(f, 0.0) for f in FEATURES]


def train(watchlist: Watchlist, input_path: str, output_path: str) -> dict[str, object]:
    """Fit a logistic regression on rule points; write coefficients as JSON."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    from .engine import Scanner

    scanner = Scanner(watchlist)
    with open(input_path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("text") and r.get("label") in ("0", "1")]
    x = [features(scanner, r["text"]) for r in rows]
    y = [int(r["label"]) for r in rows]
    model = LogisticRegression(max_iter=1000, class_weight="balanced")
    folds = min(5, max(2, min(sum(y), len(y) - sum(y))))
    f1 = cross_val_score(model, x, y, cv=folds, scoring="f1").mean()
    model.fit(x, y)
    doc = {
        "features": FEATURES,
        "coef": model.coef_[0].tolist(),
        "intercept": float(model.intercept_[0]),
        "cv_f1": round(float(f1), 3),
    }
    Path(output_path).write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return {"rows": len(rows), "cv_f1": doc["cv_f1"], "model": output_path}


class Rescorer:
    """Applies a model written by `train`: a logistic function of the rule points."""

    def __init__(self, features: list[str], coef: list[float], intercept: float) -> None:
        self.features = features
        self.coef = coef
        self.intercept = intercept

    @classmethod
    def from_file(cls, path: str | Path) -> Rescorer:
        """Load a model JSON written by `train`."""
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(list(doc["features"]), list(doc["coef"]), float(doc["intercept"]))

    def rescore(self, result: Result) -> Result:
        """The same evidence with a learned score (posts naming nobody stay at 0)."""
        if not result.spans:
            return result
        z = self.intercept + sum(
            w * result.points.get(f, 0.0) for f, w in zip(self.features, self.coef, strict=True)
        )
        score = 1.0 / (1.0 + math.exp(-z))
        return replace(result, score=round(score, 4))
