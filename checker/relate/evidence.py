"""What ties a pattern's figures together beyond their order: the tests a pattern names in its
``evidence`` (checker/lang/zh/relations.yaml). A rate and two counts that merely stand in one
sentence are not a relation; 参保率 and 已参保 are."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import UNITS_BY_LENGTH, comparable, dimension
from checker.lang import data
from checker.lang import pattern as lang_pattern  # (the tests' own first argument is a pattern)
from checker.relate.relation import said_after, sentence_end, sentence_start, stated_of, words_before


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


def is_bound(text: str, f: Figure) -> bool:
    """"60岁及以上人口", "35岁以下的": the bound of a category, not an amount of it."""
    return bool(_bound().match(text, f.end))


@lru_cache(maxsize=1)
def _bound() -> re.Pattern[str]:
    return re.compile(data("relations")["bound_after"])


def bare_share(text: str, f: Figure) -> bool:
    """"…71件，占60.7%": a share whose words name nothing but 占 (its part is the count before)."""
    return bool(_words()[1].match(words_before(text, f)))


def part_role(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"其中女职工150人，占75%": a 其中 part right before a bare share."""
    rate = slots.get("rate")
    parts = [f for name, f in slots.items() if name != "rate" and f.plays("part")]
    if rate is None or not parts:
        return False
    if rate.clause - parts[-1].clause > 1:
        return False
    return bare_share(text, rate)


def shared_words(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The stated figure's words (its metric, or its clause) and an input's words (its metric,
    or its clause) share a word, or words the language ties (入会率 and 工会会员)."""
    stated = _stated(pattern, slots)
    lead = words_before(text, stated)
    inputs = [f for f in slots.values() if f is not stated]
    at = lead.find("占")
    if at >= 0 and len(bigrams(_share_name_end().sub("", lead[at + 1:]))) >= 2:
        # "秋粮占全年粮食总产量的60.0%" names its whole: the inputs must hold it
        return whole_named(pattern, slots, text)
    named = _share_subject().search(lead)
    if named and len(bigrams(named.group(1))) >= 2:
        # "全省民间投资占比达65.2%" names what it is a share of: an input must name most of it
        # (民间投资), not a word of it (投资 of “四个十大”项目完成投资)
        subject = bigrams(named.group(1))
        parts = [f for f in inputs if 2 * len(subject & bigrams(f.metric)) >= len(subject)]
        # the named input is the part: another input must be able to hold it ("一线职工4210人次，
        # 其他职工530人次，一线职工占比82.1%" is of neither)
        rest = [f for f in inputs if f not in parts]
        return bool(parts) and (not rest or any((r.value or 0) >= (p.value or 0) for r in rest for p in parts))
    own = bigrams(stated.metric) | bigrams(lead)
    for stem, kin in _words()[4].items():
        if stem in (stated.metric or "") + lead:  # (完成率: 完成 is a stop word, its kin are not)
            own |= set(kin)
    return any(own & (bigrams(f.metric) | bigrams(words_before(text, f)))
               for f in inputs)


def rate_said_after(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"已有10.5万人加入工会，入会率超过九成": what became of the counted part follows it, in the
    words the rate's own are tied to (入会: 加入工会)."""
    rate, part = slots["rate"], slots["b"]
    lead = (rate.metric or "") + words_before(text, rate)
    kin = {k for stem, ks in _words()[4].items() if stem in lead for k in ks}
    said = said_after(text, part)
    return any(k in said for k in kin)


@lru_cache(maxsize=1)
def _share_subject() -> re.Pattern[str]:
    return re.compile(data("relations")["share_subject"])


def part_of(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"全市2830个站点中，1960个实现…": the second count is a part of the first."""
    a, b = slots.get("a"), slots.get("b")
    return a is not None and b is not None and bool(_words()[3].match(text[a.end:b.start]))


def kind_of_total(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"会员总数42.6万人，农民工会员18.9万人": the part names a kind of what the total counts (its
    name ends with the total's head, less 总数), with a qualifier of its own."""
    whole, part = slots["whole"], slots["part"]
    name = re.sub(data("relations")["define"]["total_word"] + "$", "", whole.metric or "")
    head = name[-2:]  # the head noun's last two characters (会员 of 工会会员)
    mine = part.metric or ""
    return len(head) >= 2 and mine.endswith(head) and len(mine) > len(head) and not name.endswith(mine)


def shared_words_and_noun(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The rate's words are the counts' (shared_words), and the two counts name one kind of thing."""
    a, b = slots["a"], slots["b"]
    return bool(bigrams(a.metric) & bigrams(b.metric)) and shared_words(pattern, slots, text)


def sole_total(pattern, slots: dict[str, Figure], text: str) -> bool:
    """A total a sentence before its kinds is the one amount of its unit there ("学校1286所，在校
    学生68.4万人。按学段分，…"), not one of several (受理41286件…审结40295件)."""
    total = slots["total"]
    start, end = sentence_start(text, total.start), sentence_end(text, total.end)
    unit = re.escape(total.unit or "")
    if text[start:end].lstrip().startswith(("其中", "其余")):
        return False  # (其中7月当月412.6亿元。按…分，…: a part, not the whole the kinds are of)
    return bool(unit) and len(re.findall(rf"\d(?:万|亿)?{unit}", text[start:end])) == 1


def levels_named_alike(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The two levels of a change far apart name one quantity: most of the first's words are the
    second's (抗菌药物使用率 twice), not another rate of the sentence between."""
    a, b = bigrams(slots["start"].metric), bigrams(slots["end"].metric)
    return bool(a) and 2 * len(a & b) >= len(a)


def whole_named(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"…，占全市职工的78%": the share names the whole it is of."""
    rate = slots.get("rate")
    if rate is None:
        return False
    lead = words_before(text, rate)
    at = lead.find("占")
    if at < 0:
        return False
    named = bigrams(_share_name_end().sub("", lead[at + 1:]))
    inputs = [f for f in slots.values() if f is not rate]
    # the whole is the larger input, and it is named by most of its words: 占全年粮食总产量的60%
    # is not of 秋粮产量, though 产量 is a word of both
    whole = max(inputs, key=lambda f: f.value or 0)
    if named and 2 * len(named & bigrams(whole.metric)) >= len(named):
        return True
    # 山西占全国近三成: the share of the nation's figure among the inputs
    nation = any(w in lead[at + 1:] for w in data("scope")["nation"])
    return nation and any(f.scope is not None and f.scope.level == "nation" for f in inputs)


@lru_cache(maxsize=1)
def _share_name_end() -> re.Pattern[str]:
    return re.compile(data("relations")["share_name_end"])


def per_dimensions(pattern, slots: dict[str, Figure], text: str) -> bool:
    """An average: one input of the average's own dimension (the total: 元 for 人均 元) and one of
    another (the count: 人, 户, 场); and the average is of that total ("人均7500元" after a sum of
    助学金), not a statistic of its own ("职工人均可支配收入4.2万元")."""
    per = slots["per"]
    found = per_inputs(per, [f for name, f in slots.items() if name != "per"], text)
    if found is None:
        return False
    total, count = found
    if lang_pattern("relations", "share_after").match(text, count.end):
        # "办结案件中，胜诉的172件，占92.5%，挽回1290万元，件均约6.9万元": a count that is a share of
        # the cases named before it may not be the cases the average is over
        return False
    # "专任教师11.2万人，平均每名教师对应幼儿15.0人": the total counts the items averaged over
    item = lang_pattern("relations", "per_item").search(words_before(text, per))
    if item and total.kind == "count" and (total.metric or "").endswith(item.group("item")):
        return False
    if total.sentence != per.sentence:
        # "…医疗救助1150万元。助学资金共资助…2528名，人均6250元": a total a sentence before must be
        # what the average's sentence speaks of
        if not bigrams(total.metric) & bigrams(text[sentence_start(text, per.start):per.start]):
            return False
    return averages(per, total, text)


def per_inputs(per: Figure, inputs: list[Figure], text: str) -> tuple[Figure, Figure] | None:
    """The total and the count an average divides: one input of the average's dimension, and
    one count of another; of two counts, the one the average is per (次均: 403387人次, not
    4092名)."""
    totals = [f for f in inputs if dimension(f.unit) == dimension(per.unit) and f.kind == per.kind]
    lead = (per.metric or "") + words_before(text, per)
    # 亩均产量: an average per an area divides by the area (1250亩), a measure
    areas = {u for w, us in data("relations")["per_measures"].items() if w in lead for u in us}
    # 日均客流: an average per day divides by the days (365天), a duration
    days = any(w in lead for w, us in data("relations")["per_counts"].items() if "天" in us)
    counts = [f for f in inputs if dimension(f.unit) != dimension(per.unit)
              and (f.kind == "count" or (f.kind == "measure" and f.unit in areas)
                   or (days and f.kind == "duration" and dimension(f.unit) == dimension("天")))]
    if len(counts) > 1:
        words = [w for w in data("relations")["per_counts"] if w in lead]
        word = max(words, key=len, default=None)  # 每人次, not 每人
        units = set(data("relations")["per_counts"][word]) if word else set()
        counts = [f for f in counts if dimension(f.unit) in {dimension(u) for u in units}]
    if len(totals) != 1 or len(counts) != 1:
        return None
    return totals[0], counts[0]


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
    kin = {k for w, ks in data("relations")["per_kin"].items() if w in what for k in ks}
    if not what or (bigrams(what) | kin) & bigrams(total.metric):
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
    between = text[end.end:change.start]
    # 快于全国: the base is the nation's figure
    scope = data("scope")
    for level, region_words in (("nation", scope["nation"]), *scope["own"].items()):
        if any(w in between for w in region_words):
            return start.scope is not None and start.scope.level == level
    return bool(bigrams(between) & (bigrams(start.metric) | bigrams(words_before(text, start))))


def times_base_named(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"…是工会投入的2.5倍": the words the multiple is of name the first level (各级工会投入资金
    713万元) more than the second, so it is the base."""
    start, end, times = slots["start"], slots["end"], slots["times"]
    named = bigrams(re.sub(r"^[，,；;]?(?:已|约|大约)?(?:是|为|相当于|约为|约是|达到)|的$", "",
                           text[end.end:times.start]))
    own = bigrams(start.metric) | bigrams(text[sentence_start(text, start.start):start.start])
    other = bigrams(end.metric) | bigrams(words_before(text, end))
    return len(named & own) > len(named & other)


def times_names_level(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"共接待游客38.6万人次…；游客量是去年同期的1.8倍": the multiple's own words name the level
    stated before it (游客), so it is that level's."""
    end, times = slots["end"], slots["times"]
    lead = words_before(text, times)
    if lang_pattern("relations", "times_of").match(lead):
        return True  # "参赛人数达4.3万人次，是2020年的3.6倍": a clause of no subject, the level's
    return bool(bigrams(lead) & (bigrams(end.metric) | bigrams(words_before(text, end))))


def times_base_stated_after(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"网上立案1.68万件，是线下窗口立案数的2.4倍，线下窗口立案7000件": the words the multiple is of
    name the level stated after it more than the one before it."""
    start, end, times = slots["start"], slots["end"], slots["times"]
    said = text[end.end:times.start]
    m = lang_pattern("relations", "times_of").search(said)
    named = bigrams(said[m.end():].removesuffix("的") if m else said)
    own = bigrams(start.metric) | bigrams(words_before(text, start))
    other = bigrams(end.metric) | bigrams(words_before(text, end))
    return len(named & own) > len(named & other)


def at_comparable_prices(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The levels are of a value whose growth is counted at comparable prices (地区生产总值,
    增加值): the levels, at current prices, do not give it."""
    real = lang_pattern("relations", "comparable_price_metrics")
    return any(f.metric and real.search(f.metric) for k, f in slots.items() if k in ("start", "end"))


def not_later(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The second level is not of a later time than the first (2025年A，2025年B: two things of one
    year, not a change)."""
    a, b = slots["start"].period, slots["end"].period
    if a is None or b is None or a.first is None or a.last is None or b.first is None:
        return False
    return not b.first > a.last


def base_named_again(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"快于全国9.2个百分点，全国民间投资下降6.4%": the base after the gap names what the gap is
    against (全国, 2024年), not another figure (上年同期为5.1% after 高于全国)."""
    end, change, start = slots["end"], slots["change"], slots["start"]
    against = re.sub(r"^[，,、]?(?:快于|慢于|高于|低于|超过|优于|好于|比|较)", "", text[end.end:change.start])
    against = re.sub(r"(?:平均水平|平均|高出|低出|[高低快慢])+$", "", against)
    intro = text[change.end:start.start]
    years = re.findall(r"\d{4}", against)
    return bool(against) and (against in intro or bool(bigrams(against) & bigrams(intro))
                              or any(y in intro for y in years))


def counted_share(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"30个基地，其中73.5%带动…", "12个项目…，其中获一等奖的占15.0%": a share of the counted
    items, not of an amount they have ("120个项目，其中民间投资占60%")."""
    rate, base = slots["rate"], slots["base"]
    # (the words of the rate's own clause: "新增上市公司48家、总量达122家，新增上市公司中民营企业占"
    # speaks of companies, whatever 总量 before it)
    return not _amount_words().search(text[max(base.end, rate.start - len(words_before(text, rate))):rate.start])


def outcome_rate(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"受理案件52件", "调解成功率77.5%": a rate that can only be of the cases it stands beside
    (the case is settled, the trainee passes), not of something else (入学率 after 新建学校12所)."""
    rate, base = slots["rate"], slots["base"]
    named = _rate_names(text, rate, base)
    return any(rule.search(n) and (units is None or base.unit in units) for rule, units in _outcome() for n in named)


def area_rate(pattern, slots: dict[str, Figure], text: str) -> bool:
    """A rate of an area or a population, not a share of the items counted beside it (园区绿化覆盖率
    after 12个重点工业园区, 农村自来水普及率 after 15个行政村)."""
    rule = lang_pattern("relations", "area_rates")
    return any(rule.search(n) for n in _rate_names(text, slots["rate"], slots["base"]))


def rate_stem_named(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"调解成功率…。…受理案件412件，调解成功378件": the rate's own stem (成功, 结案) names the part
    of the counts after it, not another outcome (仲裁结案率 and 调解成功680件)."""
    rate, b = slots["rate"], slots["b"]
    name = re.sub(r"(?:率|比例|比重|占比).*$", "", rate.metric or words_before(text, rate))
    stem = name[-2:]
    return len(bigrams(stem)) == 1 and stem in (b.metric or "") + words_before(text, b)


def base_head_named(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"获评省级示范职工书屋的比例为19%，今年全市新建职工书屋共23家": the rate's words name what the
    base counts (书屋), so it is a share of those items."""
    rate, base = slots["rate"], slots["base"]
    head = (base.metric or "")[-2:]
    return len(bigrams(head)) == 1 and head in (rate.metric or "") + words_before(text, rate)


def place_outcome(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"12个村（社区）中，…覆盖率为62.5%", "22条排水沟整治率达98%": what became of the counted
    places or bodies, the rate standing right after them or their 中."""
    rule = lang_pattern("relations", "place_rates")
    return any(rule.search(n) for n in _rate_names(text, slots["rate"], slots["base"]))


def _rate_names(text: str, rate: Figure, base: Figure) -> list[str]:
    """The names of a rate: its metric, and the words between its base and it up to its 率."""
    named = [rate.metric or words_before(text, rate)]
    if base.end < rate.start:  # "22条重点入黄排水沟整治率达98%": the rate named between them
        named.append(re.sub(r"(?<=[率例])[^率例]*$", "", text[base.end:rate.start]))
    return named


def among_names_base(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"新建基层工会35家，…，新建工会中非公企业工会占85.0%": the whole the share is among (新建工会)
    is the counted one (新建基层工会)."""
    rate, base = slots["rate"], slots["base"]
    clause = words_before(text, rate, 32)
    at = clause.rfind("中")
    named = bigrams(clause[:at]) if at > 0 else set()
    # (the base's own name: "新增上市公司48家、总量达122家" names 122家 总量, not 上市公司)
    own = bigrams(base.metric) if base.metric else bigrams(words_before(text, base))
    return len(named & own) >= 1 and counted_share(pattern, slots, text)


def siblings(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"城镇常住人口398.12万人，乡村常住人口188.20万人": the two sides of a complementary pair, or
    two items of one list, so neither is the other's whole."""
    a, b = slots.get("a"), slots.get("b")
    if a is None or b is None:
        return False
    if (a.plays("part") and b.plays("part")) or in_list(text, a) or "其中" in words_before(text, a):
        return True  # "其中风电40.2亿千瓦时、光伏28.4亿千瓦时"; "风电场21个、光伏电站16个，其中…"
    return paired(_subjects(text, [a, b]), _shares()["pairs"])


def counted_before(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"本科上线412人，占参考学生的近八成；参考学生共526人…": the rate is of the count its clause
    opens with, not of the counts after it."""
    rate, a = slots["rate"], slots.get("a")
    if a is None or not a.unit:
        return False
    lead = text[max(0, rate.start - 30):rate.start]
    return bool(re.search(rf"\d{re.escape(a.unit)}[，,](?:约)?占[^，,。；;\d]{{0,16}}$", lead))


def share_before(pattern, slots: dict[str, Figure], text: str) -> bool:
    """Another share of the sentence stands before the first slot: "其余" is the rest of them all."""
    first = min(slots.values(), key=lambda f: f.start)
    return bool(_SHARE_START.search(text, sentence_start(text, first.start), first.start))


_SHARE_START = re.compile(r"(?:占|比重|比例|占比)(?:达到|达|为|约|近)?(?:\d+(?:\.\d+)?%|[一二两三四五六七八九]成)"
                          r"|(?:(?<=[。！？!?\n，,；;])|^)(?:一半|半数)")


def pair_of_parts(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"男性2580人，女性2040人" after their total: the two sides of a complementary pair."""
    return paired(_subjects(text, [slots["p1"], slots["p2"]]), _shares()["pairs"])


def _subjects(text: str, parts: list[Figure]) -> list[str]:
    """What each part names: its metric and the words of its clause right before it."""
    return [(p.metric or "") + words_before(text, p, 12) for p in parts]


def in_list(text: str, f: Figure, first_too: bool = False) -> bool:
    """"风电场21个、光伏电站16个": a later item of a 、-list of figures (with ``first_too``, the first
    as well), not the whole of what follows."""
    m = _list_item().search(text, max(0, f.start - 20), f.start)
    if m and f.unit and f.unit in m.group("unit"):
        return True
    m = _list_goes_on().match(text, f.end) if first_too else None
    return bool(m and f.unit and f.unit in m.group("unit"))  # items of one unit (亩, not 1573户、5661人)


@lru_cache(maxsize=1)
def _list_goes_on() -> re.Pattern[str]:
    return re.compile(data("relations")["list_item_after"])


@lru_cache(maxsize=1)
def _list_item() -> re.Pattern[str]:
    return re.compile(data("relations")["list_item_before"])


def listed_input(pattern, slots: dict[str, Figure], text: str) -> bool:
    """An input that is one item of a list (安置群众412户、386户和295户): the average is over the
    list's sum, not over its last item."""
    return any(name != "per" and (in_list(text, f, first_too=True) or _and_item().search(text, max(0, f.start - 14), f.start))
               for name, f in slots.items())


@lru_cache(maxsize=1)
def _and_item() -> re.Pattern[str]:
    return re.compile(data("relations")["list_item_last"])


def other_units(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"办结率91.9%" against 586.4万元 and 7.4万元: a rate of cases handled is of cases, not money."""
    rate = slots.get("rate")
    if rate is None:
        return False
    named = rate.metric or words_before(text, rate)
    inputs = [f for f in slots.values() if f is not rate]
    return any(rule.search(named) and units is not None and any(f.unit not in units for f in inputs)
               for rule, units in _outcome())


def whole_in_list(pattern, slots: dict[str, Figure], text: str) -> bool:
    """"风电场21个、光伏电站16个，其中…23个": the whole is an item of a list, so what follows 其中
    is of the list's own whole."""
    whole = slots.get("whole")
    return whole is not None and in_list(text, whole, first_too=True)


def list_starts(pattern, slots: dict[str, Figure], text: str) -> bool:
    """The list's first part is its first item: no item of it stands before ("甲10人、乙20人、
    丙30人，共60人" is not 乙 and 丙 against 60)."""
    first = slots["p1"]
    m = _goes_on().search(text, max(0, first.start - 28), first.start)
    # (an item of another unit does not go on the list: 分队11个，参与律师61人、工会干部36人，合计87人)
    return m is None or not any(m.group("unit").endswith(u) and comparable(u, first.unit) for u in UNITS_BY_LENGTH)


@lru_cache(maxsize=1)
def _goes_on() -> re.Pattern[str]:
    return re.compile(data("relations")["list_goes_on"])


@lru_cache(maxsize=1)
def _shares() -> dict:
    spec = dict(data("relations")["shares"])
    for key in ("word", "closing", "rest_after", "bands", "option", "multi", "whole_end", "subject_trim",
                "open_below", "open_above", "among_whole"):
        spec[key] = re.compile(spec[key])
    return spec


def _share_words(text: str, f: Figure) -> tuple[str, str]:
    """A share's subject (the part: 火电装机) and the whole it names, if any (占地区生产总值比重:
    地区生产总值), from the words of its clause before it."""
    lead = words_before(text, f, 32) + (f.text[:2] if "占" in f.text[:2] else "")
    m = _shares()["word"].search(lead)
    subject = lead[:m.start()] if m else lead
    whole = ""
    if m and m.group() == "占":
        whole = _shares()["whole_end"].sub("", lead[m.end():])
    # 全市产业工人中35岁以下的: the frame names the whole, not the part (not the 中 of 中型, 中小)
    at = max((m.start() for m in re.finditer(r"中(?![型小级档高])", subject)), default=-1)
    if at >= 0:
        whole, subject = whole or subject[:at], subject[at + 1:]
    subject = _shares()["subject_trim"].sub("", subject)
    if not subject and f.metric and text.startswith(("的" + f.metric, f.metric), f.end):
        subject = f.metric  # 70%的行政村建立了工会组织: the part is named after its share
    return subject, whole


def one_whole(pattern, slots: dict[str, Figure], text: str) -> bool:
    """Shares one after another are of one whole, and add up, when their parts exclude each
    other: a complementary pair (男/女, 国内/海外), a list closed by the rest (其他), bands of one
    scale (35岁以下, 35岁至50岁), the answers of one question, or parts of one kind (火电装机,
    新能源装机); and the wholes they name, if they name any, are one."""
    spec = _shares()
    shares = list(slots.values())
    named = [_share_words(text, f) for f in shares]
    subjects = [s for s, _ in named]
    wholes = [w for _, w in named if bigrams(w)]
    # 占全部投资比重 and 占民间投资比重 are shares of two wholes; 占地区生产总值比重 twice, of one
    if any(w not in wholes[0] and wholes[0] not in w for w in wholes[1:]) or not all(subjects):
        return False
    if spec["multi"].search(text[max(0, shares[0].start - 80):shares[-1].end + 20]):
        return False  # 可多选: the answers overlap
    if len(shares) == 2 and paired(subjects, spec["pairs"]):
        return True
    if spec["closing"].search(subjects[-1]) or spec["rest_after"].match(text, shares[-1].end):
        return True
    if all(spec["bands"].search(s) for s in subjects) or covers_scale(subjects):
        return True
    if all(spec["option"].search(s) for s in subjects):
        return True
    if any(len({next((w for w in cls if w in s), None) for s in subjects} - {None}) == len(subjects)
           and all(any(w in s for w in cls) for s in subjects) for cls in spec["classes"]):
        return True  # 大型企业占8.6%，中型企业占21.3%，小微企业占70.1%: classes of one size scale
    kinds = not any(s.endswith(tuple(spec["overlap_heads"])) for s in subjects)
    # 全省发电量中，火电比重为66.7%，水电、风电、光伏发电量占比达43.3%: kinds of the whole the
    # sentence opens with
    # (a time may open the sentence first: 今年前10个月，全市新注册登记汽车中，…)
    if kinds and spec["among_whole"].search(text, sentence_start(text, shares[0].start), shares[0].start) and len(set(subjects)) == len(subjects):
        return True
    if kinds and len({s[-1] for s in subjects}) == 1 and subjects[0][-1] in spec["kind_endings"]:
        return True  # 种养殖类占一半，农产品加工类占28%，电商和乡村旅游类占22%
    return len({s[-2:] for s in subjects}) == 1 and kinds


def overlapping(parts: list[Figure]) -> bool:
    """Parts that may overlap: people or bodies described by different traits (女职工, 农民工;
    高新技术企业, 专精特新企业), whose sum may pass their whole."""
    heads = tuple(_shares()["overlap_heads"])
    return any((p.metric or "").endswith(heads) for p in parts)


def paired(subjects: list[str], pairs) -> bool:
    """Whether two names are the two sides of one complementary pair (男职工 / 女职工)."""
    a, b = subjects
    return any((x in a and y in b and y not in a) or (y in a and x in b and x not in a) for x, y in pairs)


def exhaustive_parts(parts: list[Figure], text: str, whole: Figure | None = None) -> bool:
    """Whether the parts listed (其中A、B、C) are all of their whole: a complementary pair, a list
    closed by the rest (其他人员2400人次), bands of one scale, a known set (第一、第二、第三产业), or
    the very things the whole names (人大代表建议和政协提案共7991件，其中人大代表建议…、政协提案…)."""
    spec = _shares()
    subjects = _subjects(text, parts)
    if whole is not None and _names_each(whole.metric or "", [p.metric or "" for p in parts]):
        return True
    if len(parts) == 2 and paired(subjects, spec["pairs"]):
        return True
    if spec["closing"].search(words_before(text, parts[-1], 12)):
        return True
    if all(spec["bands"].search(words_before(text, p, 12)) for p in parts) or covers_scale(subjects):
        return True
    return in_a_set(subjects, spec["sets"])


def _names_each(whole: str, parts: list[str]) -> bool:
    """"人大代表建议和政协提案" against "人大代表建议", "政协提案": the whole is the parts joined."""
    names = [n for n in re.split(r"[和及与、]", whole) if n]
    return len(names) == len(parts) >= 2 and all(
        any(len(n) >= 2 and (n.endswith(p[-2:]) and (p in whole or n in p)) for n in names) for p in parts if p) \
        and all(parts)


def exhaustive_shares(shares: list[Figure], text: str) -> bool:
    """Whether shares of one whole cover all of it: a complementary pair, or a list whose last
    share is the rest (其他)."""
    spec = _shares()
    subjects = [_share_words(text, f)[0] for f in shares]
    return (len(shares) == 2 and paired(subjects, spec["pairs"])) or bool(spec["closing"].search(subjects[-1])) \
        or covers_scale(subjects) or in_a_set(subjects, spec["sets"])


def in_a_set(subjects: list[str], sets) -> bool:
    """Whether the names are, one each, the members of a known set (第一、第二、第三产业; 省内、省外、境外)."""
    return any(len(subjects) == len(names) and all(n in s for n, s in zip(names, subjects)) for names in sets)


def covers_scale(subjects: list[str]) -> bool:
    """Bands that cover a whole scale: the first open below and the last open above, or the
    reverse (本科及以上…、大专…、高中及以下…; 35岁以下…、35至50岁…、50岁以上…)."""
    if len(subjects) < 2:
        return False
    low, high = _shares()["open_below"], _shares()["open_above"]
    first, last = subjects[0], subjects[-1]
    return bool((low.search(first) and high.search(last)) or (high.search(first) and low.search(last)))


@lru_cache(maxsize=1)
def _amount_words() -> re.Pattern[str]:
    return re.compile(data("relations")["amount_words"])


@lru_cache(maxsize=1)
def _outcome() -> tuple[tuple[re.Pattern[str], frozenset[str] | None], ...]:
    return tuple((re.compile(o["rate"]), frozenset(o["units"]) if "units" in o else None)
                 for o in data("relations")["outcome_rates"])


TESTS = {
    "area_rate": area_rate, "base_named_again": base_named_again,
    "rate_stem_named": rate_stem_named, "base_head_named": base_head_named,
    "share_before": share_before, "place_outcome": place_outcome, "pair_of_parts": pair_of_parts,
    "whole_in_list": whole_in_list, "siblings": siblings, "other_units": other_units,
    "list_starts": list_starts, "one_whole": one_whole, "counted_share": counted_share,
    "outcome_rate": outcome_rate, "among_names_base": among_names_base, "named_base": named_base,
    "same_subject": same_subject, "structure": structure, "part_role": part_role,
    "shared_words": shared_words, "part_of": part_of, "whole_named": whole_named,
    "kind_of_total": kind_of_total, "counted_before": counted_before,
    "times_names_level": times_names_level, "sole_total": sole_total,
    "levels_named_alike": levels_named_alike, "rate_said_after": rate_said_after,
    "shared_words_and_noun": shared_words_and_noun, "times_base_named": times_base_named,
    "per_dimensions": per_dimensions, "listed_input": listed_input,
    "times_base_stated_after": times_base_stated_after, "not_later": not_later,
    "at_comparable_prices": at_comparable_prices,
}


def holds(name: str, pattern, slots: dict[str, Figure], text: str) -> bool:
    return TESTS[name](pattern, slots, text)
