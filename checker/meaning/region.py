"""Whose figure: a region with its level, or unknown (None where a Figure holds it).

Its string form (JSON, the figures table, the ledger) is the region's full name: 全国, 河南省,
郑州市, 金水区; the level is known from the name and the gazetteer of checker/source/region.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

LEVELS = ("nation", "province", "city", "district")
NATION = "全国"


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    level: str
    # False for the draft's own region at a level the draft does not name (全省 in an article
    # whose province is unknown): one region within the draft, no region across drafts
    known: bool = True

    def __str__(self) -> str:
        return self.name

    @classmethod
    def named(cls, name: str) -> Region:
        return cls(name, level_of(name))


@lru_cache(maxsize=512)
def level_of(name: str) -> str:
    from checker.source.region import PROVINCES

    if name == NATION:
        return "nation"
    if name in {full for full, _, _ in PROVINCES}:
        return "province"
    if name.endswith(("区", "县", "旗")) and not name.endswith("自治区"):
        return "district"
    return "city"
