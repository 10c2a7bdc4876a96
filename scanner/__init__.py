"""Netra scanner: fast, explainable detection of campaign content in social-media posts.

Pure Python (no Django). Public API::

    from scanner import Watchlist, Scanner, explain, scan_file
    wl = Watchlist.from_json(data)              # or Watchlist.from_file(path)
    results = Scanner(wl).scan_texts(["Ayo coblos 02!"])
    print(explain(wl, "Ayo coblos 02!").indonesian)
    scan_file(wl, "posts.parquet", "hits.parquet")

Contract of inputs and outputs: design/SCANNER.md.
"""

from . import _memory  # noqa: F401  (before anything imports pyarrow)
from .engine import DEFAULT_THRESHOLD, Scanner
from .explain import Explanation, explain
from .normalise import Normalised, normalise
from .pipeline import Summary, scan_file
from .score import Result
from .watchlist import Candidate, Watchlist, WatchlistError

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Explanation",
    "Normalised",
    "Result",
    "Scanner",
    "Summary",
    "Watchlist",
    "WatchlistError",
    "explain",
    "normalise",
    "scan_file",
]
