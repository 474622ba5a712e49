"""What makes two figures statements of the same quantity: their key.

One key serves both the repeat rule (inside an article) and the ledger (across articles): the
metric (layout words stripped, synonyms from rules/lexicon.yaml folded), what the clause says of
a counted noun, unit, kind, scope, period, whether it is a target, and whether it is a running
total. A figure without a period of its own keys on its draft's reporting period (``@draft``),
which only figures of the same draft share. A figure whose key cannot be known (no metric, a
growth, an item of a 分别 list, an end of a from-to change) has none and is never compared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import dimension
from checker.lang import data
from checker.meaning.period import Period
from checker.relate.restate import restate_words
from checker.rules.common import ADDITIVE, clause_lead

KEY_PARAMS = {
    "min_metric": (int, 2),
    "strip": (list, ["组织"]),  # words whose presence does not change what is counted
    # a running total over several periods is not the figure of one of them
    "cumulative": (list, ["累计", "累积", "总计"]),
    # figures whose metric names a list or a change, not one quantity: "A、B、C分别达到x、y、z"
    # (the metric covers every item) and "由51家整合为33家" (both ends share the verb)
    "list_words": (list, ["分别"]),
    "synonyms_file": (str, ""),
}
_FROM_TO = re.compile(r"(?:[从由][^，,；;。]{0,20}(?:到|至|为)|[增升降减]至|整合为|调整为|压减为|缩减为)$")
_CHANGE_AFTER = ("整合为", "调整为", "增加到", "提高到", "增长到")
_PREDICATE_END = re.compile(r"[，,；;。！？!?\n]")
_ALL = re.compile(r"全部|均|都|所有|全")


@dataclass(frozen=True)
class Key:
    metric: str
    predicate: str | None
    unit: str
    kind: str
    scope: str | None
    period: str
    target: bool
    cumulative: bool

    @property
    def id(self) -> str:
        """A stable short id, for storing and joining keys in the ledger."""
        raw = "\x1f".join(str(v) for v in (self.metric, self.predicate, self.unit, self.kind,
                                            self.scope, self.period, self.target, self.cumulative))
        return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()


def _predicate(view, f: Figure) -> str | None:
    """For "N个X ..." (the metric is the noun after the figure), what the clause says of them.

    "246家商户加入联盟" and "6家商户成功入驻" count different sets of 商户; "172个乡镇全部建立了…"
    and "181个乡镇（街道）、663个社区全部建立了…" both count every 乡镇. So such a figure keys on
    "all" when the clause says all of them, else on the rest of its clause.
    """
    metric = f.metric or ""
    tail = view.after(f, 40).lstrip()
    if not tail.startswith(metric):
        return None  # the metric came from the words before the figure: it says what is counted
    rest = _PREDICATE_END.split(tail[len(metric):], maxsplit=1)[0]
    return "∀" if _ALL.search(rest) else rest


def cumulative(view, f: Figure, words: Sequence[str]) -> bool:
    """"2017年至2021年，全市累计新建工会组织3200个" is not the 2021 figure; "今年以来，…累计投入
    资金986万元" is this year's, and "春运期间，…累计发送旅客93.6万人次" the 春运's."""
    lead = clause_lead(view, f)
    if not any(w in lead or w in (f.metric or "") for w in words):
        return False
    before = sentence_before(view, f)
    return not (this_year(before) or _BOUNDED.search(before))


def sentence_before(view, f: Figure, n: int = 60) -> str:
    """The words of the figure's sentence before it (at most ``n`` characters)."""
    return re.split(r"[。！？!?\n]", view.before(f, n))[-1]


def this_year(words: str) -> bool:
    """"今年以来", "年初以来": a running total since the year began is the year's figure."""
    return bool(_THIS_YEAR.search(words))


_THIS_YEAR = re.compile(data("periods")["running"]["this_year"])
_BOUNDED = re.compile(data("periods")["running"]["bounded"])


def _names_one_quantity(view, f: Figure, list_words: Sequence[str]) -> bool:
    lead = re.split(r"[；;。\n]", view.before(f, 40))[-1]
    if any(w in lead for w in list_words):
        return False
    return not (_FROM_TO.search(clause_lead(view, f, 30)) or view.after(f, 4).startswith(_CHANGE_AFTER))


@lru_cache(maxsize=8)
def synonyms(path: str) -> dict[str, str]:
    """variant -> canonical metric, from a lexicon file (``synonyms: {canonical: [variants]}``)."""
    if not path:
        return {}
    from pathlib import Path

    from checker.rules.loader import load_yaml, strip_lines

    data = strip_lines(load_yaml(Path(path))) or {}
    out = {}
    for canonical, variants in (data.get("synonyms") or {}).items():
        for v in variants or []:
            out[str(v)] = str(canonical)
    return out


# a figure no time word, heading or lead dates holds for the draft's own reporting period: one
# period for all such figures of the draft, and never another draft's (the ledger keeps none)
_OWN_PERIOD = Period.draft()


def figure_key(view, f: Figure, params: dict) -> tuple[Key, bool] | None:
    """The figure's key, and whether its metric was matched loosely (through a synonym); worked
    out once a draft for each figure and key parameters (the repeat and within kinds share it)."""
    memo = getattr(view, "memo", None)
    if memo is None:
        return _figure_key(view, f, params)
    which = memo.get(("params", id(params)))
    if which is None:  # rules with the same key parameters share the keys
        which = memo[("params", id(params))] = tuple(sorted((k, str(v)) for k, v in params.items()))
    slot = ("key", id(f), which)
    if slot not in memo:
        memo[slot] = _figure_key(view, f, params)
    return memo[slot]


def _of_own_period(view, f: Figure) -> bool:
    """Whether a figure no time word dates holds for its draft's own reporting period: not the
    base of a comparison (较上年的97.8%), not in a sentence a month dates (4月份，…: months are
    figures here, not time words), and named by the words before it (新建工会组织618个), not by a
    noun after it (集中在两个工种): the less its time is told, the more its name must say."""
    if restate_words().base_before.search(view.before(f, 12)) or _predicate(view, f) is not None:
        return False
    return f.sentence not in _month_sentences(view)


def under_part(view, f: Figure) -> bool:
    """After 其中 in its sentence: a part of something, whatever its metric leaves out (其中，水稻…
    平均亩产480公斤 is not the 平均亩产 of all crops)."""
    return bool(restate_words().part_before.search(sentence_before(view, f)))


def _month_sentences(view) -> frozenset[int]:
    """The sentences that hold a date (a month or a day), worked out once a draft."""
    memo = getattr(view, "memo", None)
    if memo is not None and "month_sentences" in memo:
        return memo["month_sentences"]
    found = frozenset(g.sentence for g in view.figures if g.kind == "date")
    if memo is not None:
        memo["month_sentences"] = found
    return found


def _figure_key(view, f: Figure, params: dict) -> tuple[Key, bool] | None:
    if f.kind not in ADDITIVE and f.unit != "%":
        return None  # 个百分点 is a difference from something, never a level stated twice
    if f.metric is None or f.plays("growth"):
        return None
    if not _names_one_quantity(view, f, params["list_words"]):
        return None
    if f.period is None and not _of_own_period(view, f):
        return None
    if restate_words().subjectless.search(f.metric):
        return None  # 占地区生产总值的比重 of what? (制造业增加值, 数字经济增加值: two shares)
    metric = f.metric
    for w in params["strip"]:
        metric = metric.replace(w, "")
    if len(metric) < params["min_metric"]:
        return None
    canonical = synonyms(params["synonyms_file"]).get(metric, metric)
    # one dimension, one key: 3万名 and 4500人 are both counts of persons
    key = Key(canonical, _predicate(view, f), dimension(f.unit) or "", f.kind,
              None if f.scope is None else str(f.scope), str(f.period or _OWN_PERIOD),
              f.plays("target"), cumulative(view, f, params["cumulative"]))
    return key, canonical != metric
