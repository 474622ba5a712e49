"""A count and the items a list names right before it: "册亨、罗甸、望谟、紫云、关岭等8个重点县"
(five named, 等 leaves room for more: at least five), "开展送岗位、送技能、送政策3项活动" (three
named and no 等: exactly three). The list is the 、-joined names that end where the figure
starts, in one clause; the words are data (relations.yaml ``enumeration``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.segment import tagged
from checker.lang import data
from checker.relate.relation import Relation


@lru_cache(maxsize=1)
def _spec() -> tuple[re.Pattern[str], re.Pattern[str], int, int, re.Pattern[str]]:
    spec = data("relations")["enumeration"]
    return (re.compile(spec["list_before"]), re.compile(spec["item_sep"]), int(spec["max_items"]),
            int(spec["max_count"]), re.compile(spec["last_join"]))


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return frozenset(data("relations")["enumeration"]["units"])


@lru_cache(maxsize=1)
def _counted_after() -> re.Pattern[str]:
    return re.compile(data("relations")["enumeration"]["counted_after"])


@lru_cache(maxsize=1)
def _not_names() -> re.Pattern[str]:
    return re.compile(data("relations")["enumeration"]["not_in_list"])


def _noun(item: str) -> bool:
    """The last item ends in a noun (关岭, 省政府, 送政策): the list names things."""
    pairs = tagged(item)
    return bool(pairs) and pairs[-1][1].startswith("n")


def find(text: str, figures: list[Figure]) -> list[Relation]:
    list_before, sep, max_items, max_count, last_join = _spec()
    out = []
    for f in figures:
        if f.kind != "count" or f.approx != "exact" or f.value is None or not 2 <= f.value <= max_count \
                or f.value != int(f.value) or f.unit not in _units():
            continue  # a count of things named one by one (个, 项, 家 …), not of times (16次调度)
        if f.plays("growth") or f.plays("part"):
            continue
        m = list_before.search(text, max(0, f.start - 80), f.start)
        if m is None or not _counted_after().match(text, f.end):
            # the count names what it counts after it (等8个重点县), and the list ends with it:
            # "平台10个。" totals the things of two kinds; "准东3个煤制气、…" counts one item's
            continue
        items = [w for w in sep.split(m.group("items")) if w]
        if not 2 <= len(items) <= max_items or _not_names().search(m.group("items")) or not _noun(items[-1]):
            continue  # 分别/各 count each item; 新建、重组 are deeds, not things
        # "送政策和送温暖" may be two items or one name (建设和美乡村): both readings stand
        joined = 1.0 if last_join.search(items[-1]) else 0.0
        out.append(Relation("enumeration", "enumeration.named-then-counted", {"count": f},
                            {"items": float(len(items)), "joined": joined, "open": 1.0 if m.group("more") else 0.0}))
    return out


def listed(text: str, rel: Relation) -> str:
    """The names the list gives, as written."""
    m = _spec()[0].search(text, max(0, rel["count"].start - 80), rel["count"].start)
    return m.group("items") if m else ""
