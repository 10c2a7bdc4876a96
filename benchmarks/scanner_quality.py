"""Quality of the rule layer on the labelled development set (scanner/devset/posts.csv).

Prints precision, recall and F1 for campaign vs not, the false-positive rate on
non-political posts, and whether every hit carries a span. ``--errors`` lists the
misclassified posts for error analysis. Run: ``.venv/bin/python benchmarks/scanner_quality.py``.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from scanner import Scanner, Watchlist

DEVSET = Path(__file__).resolve().parent.parent / "scanner" / "devset"


def evaluate(
    threshold: float = 0.5, show_errors: bool = False, split: str | None = None
) -> dict[str, object]:
    """Scores of the rule layer on the development set (or one ``split`` of it).

    ``dev`` rows were looked at while the rules were written; ``holdout`` rows were
    labelled blind and only scored afterwards, so they estimate unseen posts.
    """
    scanners: dict[str, Scanner] = {}
    tp = fp = fn = tn = 0
    np_fp = np_total = 0
    spanless = 0
    errors = []
    with open(DEVSET / "posts.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if split is not None:
        rows = [r for r in rows if r.get("split", "dev") == split]
    for row in rows:
        name = row["watchlist"]
        if name not in scanners:
            wl = Watchlist.from_file(DEVSET / "watchlists" / f"{name}.json")
            scanners[name] = Scanner(wl, threshold)
        result = scanners[name].scan_text(row["text"])
        hit = result.is_hit(threshold)
        if hit and not result.spans:
            spanless += 1
        label = row["label"] == "1"
        tp += hit and label
        fp += hit and not label
        fn += (not hit) and label
        tn += (not hit) and not label
        if row["kind"] == "non_political":
            np_total += 1
            np_fp += hit
        if hit != label:
            errors.append((row["id"], int(label), result.score, result.reasons, row["text"][:140]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if show_errors:
        for e in errors:
            print(*e, sep=" | ")
    return {
        "posts": len(rows),
        "campaign": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "false_positive_rate_non_political": round(np_fp / np_total, 4) if np_total else None,
        "non_political_posts": np_total,
        "hits_without_span": spanless,
        "threshold": threshold,
    }


def main() -> None:
    """Command-line entry point."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--errors", action="store_true")
    p.add_argument("--split", choices=("dev", "holdout"))
    args = p.parse_args()
    print(json.dumps(evaluate(args.threshold, args.errors, args.split)))


if __name__ == "__main__":
    main()
