"""`netra-scan`: scan files, check a draft, benchmark, train the optional re-scorer.

Exit codes: 0 success, 2 bad arguments or unreadable watchlist/input (with a message
saying what was wrong), 130 interrupted (no output file is left behind).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .engine import DEFAULT_THRESHOLD
from .io import DEFAULT_BATCH_SIZE, InputError, file_format
from .watchlist import Watchlist, WatchlistError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"netra-scan: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _threshold(value: str) -> float:
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= t <= 1.0:
        raise argparse.ArgumentTypeError("threshold must be between 0 and 1")
    return t


def _positive(value: str) -> int:
    try:
        n = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests)."""
    p = _Parser(prog="netra-scan", description="Find campaign content in social-media posts.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("scan", help="scan a file of posts and write the hits")
    s.add_argument("--watchlist", required=True, help="election watchlist JSON")
    s.add_argument("--input", required=True, help="posts: .csv, .jsonl or .parquet ('-' = stdin)")
    s.add_argument("--output", required=True, help="hits: .csv, .jsonl or .parquet")
    s.add_argument("--all", action="store_true", help="write every post with its score")
    s.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD)
    s.add_argument("--engine", choices=("local", "spark"), default="local")
    s.add_argument("--workers", type=_positive, default=1, help="processes (local engine)")
    s.add_argument("--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE)
    s.add_argument("--model", help="optional re-scorer trained with 'netra-scan train'")
    c = sub.add_parser("check", help="explain the verdict on one draft text")
    c.add_argument("--watchlist", required=True)
    c.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD)
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument("text", help="the draft post")
    b = sub.add_parser("bench", help="synthetic throughput against the naive baseline")
    b.add_argument("--posts", type=_positive, default=1_000_000)
    b.add_argument("--sample", type=_positive, default=20_000, help="posts timed for the baseline")
    b.add_argument("--elections", type=_positive, default=40)
    b.add_argument("--repeat", type=_positive, default=3, help="runs of each side; best counts")
    t = sub.add_parser("train", help="train the optional re-scorer from labelled posts (CSV)")
    t.add_argument("--watchlist", required=True)
    t.add_argument("--input", required=True, help="CSV with columns text,label (1 = campaign)")
    t.add_argument("--output", required=True, help="model file to write")
    return p


def _load_watchlist(path: str) -> Watchlist:
    try:
        return Watchlist.from_file(path)
    except WatchlistError as exc:
        print(f"netra-scan: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `netra-scan` console script."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "scan":
            return _scan(args)
        if args.command == "check":
            return _check(args)
        if args.command == "bench":
            return _bench(args)
        return _train(args)
    except InputError as exc:
        print(f"netra-scan: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netra-scan: interrupted; no output written", file=sys.stderr)
        return 130


def _scan(args: argparse.Namespace) -> int:
    watchlist = _load_watchlist(args.watchlist)
    file_format(args.input)
    file_format(args.output)
    if args.engine == "spark":
        from .spark import scan_file_spark

        summary = scan_file_spark(
            watchlist, args.input, args.output, threshold=args.threshold, all_rows=args.all
        )
    else:
        from .pipeline import scan_file
        from .progress import progress_bar

        with progress_bar(args.input) as advance:
            summary = scan_file(
                watchlist,
                args.input,
                args.output,
                threshold=args.threshold,
                all_rows=args.all,
                workers=args.workers,
                batch_size=args.batch_size,
                progress=advance,
                model=args.model,
            )
    for bad in summary.skipped_rows[:20]:
        print(f"netra-scan: skipped row {bad['row']}: {bad['reason']}", file=sys.stderr)
    print(json.dumps(summary.as_dict()))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .explain import explain

    watchlist = _load_watchlist(args.watchlist)
    e = explain(watchlist, args.text, args.threshold)
    if args.json:
        print(
            json.dumps(
                {
                    "score": e.result.score,
                    "campaign": e.is_campaign,
                    "candidates": e.result.candidates,
                    "reasons": e.result.reasons,
                    "spans": e.result.spans,
                    "id": e.indonesian,
                    "en": e.english,
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(e.indonesian)
    print(f"({e.english})")
    for s in e.result.spans:
        piece = args.text[int(str(s["start"])) : int(str(s["end"]))]
        print(f"  [{s['start']}:{s['end']}] {s['rule']:<16} {piece!r}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import report, run

    result = run(
        args.posts,
        sample=min(args.sample, args.posts),
        elections=args.elections,
        repeat=args.repeat,
    )
    report(result)
    print(json.dumps(result))
    return 0


def _train(args: argparse.Namespace) -> int:
    from .learn import train

    watchlist = _load_watchlist(args.watchlist)
    summary = train(watchlist, args.input, args.output)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
