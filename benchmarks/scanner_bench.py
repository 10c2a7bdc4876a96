"""Scanner benchmark: throughput against the naive baseline, and quality on the devset.

Runs ``netra-scan bench`` (synthetic posts, same run, one core, CPU time) and
``scanner_quality.evaluate`` (precision, recall, F1 and false-positive rate on
non-political posts), prints both and writes them to ``benchmarks/out/scanner.json``.

    .venv/bin/python benchmarks/scanner_bench.py --posts 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scanner_quality import evaluate

from scanner import bench


def main() -> None:
    """Command-line entry point."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--posts", type=int, default=1_000_000)
    p.add_argument("--sample", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    speed = bench.run(args.posts, sample=min(args.sample, args.posts), repeat=args.repeat)
    bench.report(speed)
    quality = {
        "all": evaluate(),
        "dev": evaluate(split="dev"),
        "holdout": evaluate(split="holdout"),
    }
    result = {"speed": speed, "quality": quality}
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "scanner.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
