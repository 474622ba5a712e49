"""Structures of shares written as a ratio: "三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53" (each
ratio the shares of one whole, adding up to 100). The words that name such a structure are data
(relations.yaml ``structure``); the ratio is its numbers joined by ∶ or :.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.lang import data
from checker.relate.relation import Relation


@lru_cache(maxsize=1)
def _spec() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], int]:
    spec = data("relations")["structure"]
    return re.compile(spec["named"]), re.compile(spec["joint"]), re.compile(spec["then"]), int(spec["reach"])


def find(text: str, figures: list[Figure]) -> list[Relation]:
    """Each ratio of two to four numbers whose clause names a structure of shares before it, or
    that a structure changes into (由8.7∶41.2∶50.1调整为7.4∶39.6∶53)."""
    named, joint, then, reach = _spec()
    out: list[Relation] = []
    run: list[Figure] = []
    last_end = -1  # where the last structure ended
    for f in figures + [None]:  # type: ignore[list-item]
        if f is not None and f.kind == "number" and (not run or joint.fullmatch(text, run[-1].end, f.start)):
            run.append(f)
            continue
        if 2 <= len(run) <= 4 and (named.search(text, max(0, run[0].start - reach), run[0].start)
                                   or (last_end >= 0 and then.fullmatch(text, last_end, run[0].start))):
            out.append(Relation("shares", "shares.structure", {f"s{i + 1}": g for i, g in enumerate(run)},
                                {"exhaustive": 1.0}))
            last_end = run[-1].end
        run = [f] if f is not None and f.kind == "number" else []
    return out
