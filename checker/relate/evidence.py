"""What ties a pattern's figures together beyond their order: the tests a pattern names in its
``evidence`` (checker/lang/zh/relations.yaml). A rate and two counts that merely stand in one
sentence are not a relation; 参保率 and 已参保 are."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import dimension
from checker.lang import data
from checker.relate.relation import stated_of, words_before


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], dict]:
    spec = data("relations")
    return (frozenset(spec["stop_bigrams"]), re.compile(spec["bare_share"]),
            re.compile(spec["define"]["per_word"]), re.compile(spec["part_of"]), spec["rate_words"])


def bigrams(words: str | None) -> set[str]:
    """The two-character pieces of a metric that say what it counts."""
    stop = _words()[0]
    w = words or ""
    return {w[i:i + 2] for i in range(len(w) - 1)
            if "\u4e00" <= w[i] <= "\u9fff" and "\u4e00" <= w[i + 1] <= "\u9fff"} - stop




def structure(pattern, slots: dict[str, Figure], text: str) -> bool:
    return True


def part_role(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"其中女职工150人，占75%": a 其中 part right before a bare share."""
    rate = slots.get("rate")
    parts = [f for name, f in slots.items() if name != "rate" and f.plays("part")]
    if rate is None or not parts:
        return False
    if rate.clause - parts[-1].clause > 1:
        return False
    return bool(_words()[1].match(words_before(text, rate)))


def shared_words(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The stated figure's words (its metric, or its clause) and an input's words (its metric,
    or its clause) share a word, or words the language ties (入会率 and 工会会员)."""
    stated = _stated(pattern, slots)
    lead = words_before(text, stated)
    inputs = [f for f in slots.values() if f is not stated]
    named = _share_subject().search(lead)
    if named and len(bigrams(named.group(1))) >= 2:
        # "全省民间投资占比达65.2%" names what it is a share of: an input must name most of it
        # (民间投资), not a word of it (投资 of “四个十大”项目完成投资)
        subject = bigrams(named.group(1))
        return any(2 * len(subject & bigrams(f.metric)) >= len(subject) for f in inputs)
    own = bigrams(stated.metric) | bigrams(lead)
    for stem, kin in _words()[4].items():
        if stem in own:
            own |= set(kin)
    return any(own & (bigrams(f.metric) | bigrams(words_before(text, f)))
               for f in inputs)


@lru_cache(maxsize=1)
def _share_subject() -> re.Pattern[str]:
    return re.compile(data("relations")["share_subject"])


def part_of(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"全市2830个站点中，1960个实现…": the second count is a part of the first."""
    a, b = slots.get("a"), slots.get("b")
    return a is not None and b is not None and bool(_words()[3].match(text[a.end:b.start]))


def whole_named(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"…，占全市职工的78%": the share names the whole it is of."""
    rate = slots.get("rate")
    if rate is None:
        return False
    lead = words_before(text, rate)
    at = lead.find("占")
    if at < 0:
        return False
    named = bigrams(lead[at + 1:])
    if any(named & bigrams(f.metric) for f in slots.values() if f is not rate):
        return True
    # 山西占全国近三成: the share of the nation's figure among the inputs
    nation = any(w in lead[at + 1:] for w in data("scope")["nation"])
    return nation and any(f.scope is not None and f.scope.level == "nation" for f in slots.values() if f is not rate)


def per_dimensions(pattern, slots: dict[str, Figure], text: str) -> bool:
    """An average: one input of the average's own dimension (the total: 元 for 人均 元) and one of
    another (the count: 人, 户, 场); and the average is of that total ("人均7500元" after a sum of
    助学金), not a statistic of its own ("职工人均可支配收入4.2万元")."""
    per = slots["per"]
    inputs = [f for name, f in slots.items() if name != "per"]
    totals = [f for f in inputs if dimension(f.unit) == dimension(per.unit) and f.kind == per.kind]
    counts = [f for f in inputs if dimension(f.unit) != dimension(per.unit) and f.kind == "count"]
    if len(totals) != 1 or len(counts) != 1:
        return False
    return averages(per, totals[0], text)


def averages(per: Figure, total: Figure, text: str) -> bool:
    """Whether the per-unit figure averages the total. "人均7500元", "人均领取1500元" and "人均帮扶
    6000元" (帮扶资金) do; "职工人均可支配收入4.2万元" beside a sum of 慰问金 names its own
    population (职工) and measures something the total is not (收入)."""
    words = per.metric or words_before(text, per)
    m = None
    for m in _words()[2].finditer(words):
        pass
    if m is None:
        return True
    who, what = words[:m.start()], words[m.end():]
    if not what or bigrams(what) & bigrams(total.metric):
        return True
    return not bigrams(who)


def _stated(pattern, slots: dict[str, Figure]) -> Figure:
    return stated_of(pattern.family, slots)


def same_subject(pattern, slots: dict[str, Figure], text: str) -> bool:
    """A change after its two levels is theirs when it names nothing else: "从A增加到B，增长15%"
    (its metric is theirs, or only says it is a change), not "由51家整合为33家，全级次国企法人
    数量压减67.7%"."""
    stated = _stated(pattern, slots)
    own = stated.metric
    if not own or _change_words().match(own):
        return True
    return any(f.metric and (own in f.metric or f.metric in own) for f in slots.values() if f is not stated)


@lru_cache(maxsize=1)
def _change_words() -> re.Pattern[str]:
    return re.compile(data("relations")["change_words"])


def named_base(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"…5.8%、快于经济增速1个百分点": the base the gap names (经济增速) is the first level's."""
    start, end, change = slots["start"], slots["end"], slots["change"]
    named = bigrams(text[end.end:change.start])
    return bool(named & (bigrams(start.metric) | bigrams(words_before(text, start))))


TESTS = {"named_base": named_base, "same_subject": same_subject, "structure": structure, "part_role": part_role, "shared_words": shared_words, "part_of": part_of,
         "whole_named": whole_named, "per_dimensions": per_dimensions}


def holds(name: str, pattern, slots: dict[str, Figure], text: str) -> bool:
    return TESTS[name](pattern, slots, text)
