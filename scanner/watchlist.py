"""The election watchlist: who is running, under which names, numbers and symbols.

The web app exports one JSON document per election (contract: design/SCANNER.md). A
benchmark or a national deployment may scan for many elections at once, so a document
may also be ``{"elections": [<watchlist>, ...]}``; the candidates are then kept apart by
election slug.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class WatchlistError(ValueError):
    """The watchlist JSON is unreadable or breaks the contract."""


@dataclass(frozen=True)
class Candidate:
    """One ballot entry (a paslon: head and deputy) of one election."""

    election: str
    number: int
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Short human label such as ``"2 (Heri Cahyono–Ganisa Pratiwi Rumpoko)"``."""
        return f"{self.number} ({'–'.join(self.names)})"


@dataclass(frozen=True)
class Watchlist:
    """Candidates of one or more elections plus free extra terms."""

    elections: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    extra_terms: tuple[str, ...] = ()
    title: str = ""
    _by_key: dict[tuple[str, int], Candidate] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self._by_key.update({(c.election, c.number): c for c in self.candidates})

    @property
    def numbers(self) -> tuple[int, ...]:
        """Every ballot number in use, sorted and without repeats."""
        return tuple(sorted({c.number for c in self.candidates}))

    def candidate(self, election: str, number: int) -> Candidate | None:
        """The candidate with this ballot number in this election, if any."""
        return self._by_key.get((election, number))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Watchlist:
        """Build from the parsed JSON document; raise `WatchlistError` when it is wrong."""
        if not isinstance(data, Mapping):
            raise WatchlistError("watchlist must be a JSON object")
        if "elections" in data and "candidates" not in data:
            parts = data["elections"]
            if not isinstance(parts, list) or not parts:
                raise WatchlistError("'elections' must be a non-empty list of watchlists")
            singles = [cls.from_json(p) for p in parts]
            return cls(
                elections=tuple(e for w in singles for e in w.elections),
                candidates=tuple(c for w in singles for c in w.candidates),
                extra_terms=tuple(t for w in singles for t in w.extra_terms),
                title=str(data.get("title", "")),
            )
        election = str(data.get("election") or "election")
        raw = data.get("candidates")
        if not isinstance(raw, list) or not raw:
            raise WatchlistError(f"{election}: 'candidates' must be a non-empty list")
        candidates = []
        seen: set[int] = set()
        for i, item in enumerate(raw, start=1):
            where = f"{election}: candidate #{i}"
            if not isinstance(item, Mapping):
                raise WatchlistError(f"{where} must be an object")
            number = item.get("number")
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                raise WatchlistError(f"{where}: 'number' must be a positive integer")
            if number in seen:
                raise WatchlistError(f"{where}: ballot number {number} appears twice")
            seen.add(number)
            names = _strings(item.get("names"), f"{where}.names")
            if not names:
                raise WatchlistError(f"{where}: 'names' must list at least one name")
            candidates.append(
                Candidate(
                    election=election,
                    number=number,
                    names=names,
                    aliases=_strings(item.get("aliases"), f"{where}.aliases"),
                    parties=_strings(item.get("parties"), f"{where}.parties"),
                    slogans=_strings(item.get("slogans"), f"{where}.slogans"),
                    hashtags=_strings(item.get("hashtags"), f"{where}.hashtags"),
                )
            )
        return cls(
            elections=(election,),
            candidates=tuple(candidates),
            extra_terms=_strings(data.get("extra_terms"), f"{election}.extra_terms"),
            title=str(data.get("title", "")),
        )

    @classmethod
    def from_file(cls, path: str | Path) -> Watchlist:
        """Read a watchlist JSON file; every failure becomes a `WatchlistError`."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise WatchlistError(f"cannot read watchlist {path}: {exc.strerror}") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WatchlistError(f"watchlist {path} is not valid JSON: {exc}") from exc
        return cls.from_json(data)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A list of non-empty strings (missing means empty); anything else is an error."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise WatchlistError(f"{where} must be a list of strings")
    out = []
    for v in value:
        if not isinstance(v, str):
            raise WatchlistError(f"{where} must contain only strings")
        if v.strip():
            out.append(v.strip())
    return tuple(out)
