"""Which regions an import may touch: the importing user's, or everything for the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netra.accounts.scoping import scope_of

from ..models import Unit


@dataclass(frozen=True)
class RegionScope:
    everywhere: bool
    codes: tuple[str, ...]

    @classmethod
    def of(cls, actor: Any) -> RegionScope:
        """``actor=None`` (a command run by the operator, a seed) may touch everything."""
        if actor is None:
            return cls(True, ())
        scope = scope_of(actor)
        return cls(scope.everywhere, tuple(r.code for r in scope.regions))

    def covers(self, region_code: str) -> bool:
        return self.everywhere or any(
            region_code == code or region_code.startswith(f"{code}.") for code in self.codes
        )

    def units_by_code(self) -> dict[str, int]:
        """Units this scope may assign ASN to: lower-cased code → id."""
        return {
            code.lower(): pk
            for code, pk, region_code in Unit.objects.values_list("code", "pk", "region__code")
            if self.covers(region_code)
        }
