"""A count and the items a list names right before it: "册亨、罗甸、望谟、紫云、关岭等8个重点县"
(five named, 等 leaves room for more: at least five), "开展送岗位、送技能、送政策3项活动" (three
named and no 等: exactly three). The list is the 、-joined names that end where the figure
starts, in one clause; the words are data (relations.yaml ``enumeration``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.segment import tagged
from checker.lang import data
from checker.relate.relation import Relation


@dataclass(frozen=True)
class _Words:
    list_before: re.Pattern[str]  # the 、-joined names that end where the count starts
    item_sep: re.Pattern[str]
    last_join: re.Pattern[str]  # a 和/及/与 inside the last item
    not_in_list: re.Pattern[str]  # 分别, 各, 共: the count is each item's
    counted_after: re.Pattern[str]  # the noun the count counts, to its clause's end
    units: frozenset[str]  # measure words of things named one by one
    max_items: int
    max_count: int


@lru_cache(maxsize=1)
def _spec() -> _Words:
    spec = data("relations")["enumeration"]
    return _Words(*(re.compile(spec[k]) for k in ("list_before", "item_sep", "last_join", "not_in_list",
                                                 "counted_after")),
                  frozenset(spec["units"]), int(spec["max_items"]), int(spec["max_count"]))


def _noun(item: str) -> bool:
    """The last item ends in a noun (关岭, 省政府, 送政策): the list names things."""
    pairs = tagged(item)
    return bool(pairs) and pairs[-1][1].startswith("n")


def find(text: str, figures: list[Figure]) -> list[Relation]:
    words = _spec()
    out = []
    for f in figures:
        if f.kind != "count" or f.approx != "exact" or f.value is None or not 2 <= f.value <= words.max_count \
                or f.value != int(f.value) or f.unit not in words.units:
            continue  # a count of things named one by one (个, 项, 家 …), not of times (16次调度)
        if f.plays("growth") or f.plays("part"):
            continue
        m = words.list_before.search(text, max(0, f.start - 80), f.start)
        if m is None or not words.counted_after.match(text, f.end):
            # the count names what it counts after it (等8个重点县), and the list ends with it:
            # "平台10个。" totals the things of two kinds; "准东3个煤制气、…" counts one item's
            continue
        items = [w for w in words.item_sep.split(m.group("items")) if w]
        if not 2 <= len(items) <= words.max_items or words.not_in_list.search(m.group("items")) \
                or not _noun(items[-1]):
            continue  # 分别/各 count each item; 新建、重组 are deeds, not things
        # "送政策和送温暖" may be two items or one name (建设和美乡村): both readings stand
        joined = 1.0 if words.last_join.search(items[-1]) else 0.0
        out.append(Relation("enumeration", "enumeration.named-then-counted", {"count": f},
                            {"items": float(len(items)), "joined": joined, "open": 1.0 if m.group("more") else 0.0}))
    return out


def listed(text: str, rel: Relation) -> str:
    """The names the list gives, as written."""
    m = _spec().list_before.search(text, max(0, rel["count"].start - 80), rel["count"].start)
    return m.group("items") if m else ""
