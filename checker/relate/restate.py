"""Restatements: a figure of the headline or the lead stated again in the body ("全省新建工会6016家"
in the lead, "全省新组建工会组织6106家" two paragraphs on). Unlike the relations of the patterns,
the two stand far apart, so they are found by position and meaning, not by the words between:
a head figure and each body figure after it of the same kind, dimension and role whose
metric is the head figure's (relations.yaml ``restatement``: how long a title is, which words of a
metric say nothing of what is counted).

The head figure usually carries less context than the body's (a headline has no period of its
own, a lead says 全省 where the body says nothing), so the names are matched loosely here
(_names_one); the rule that checks the pair (repeat.head) requires whatever both figures do say
(period, region, predicate, role) to agree, and compares the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import dimension
from checker.lang import data
from checker.relate.evidence import bigrams
from checker.relate.relation import Relation, clause_span, said_after, words_before

_KINDS = frozenset({"count", "money", "measure", "percent"})


@dataclass(frozen=True)
class _Words:
    title_max: int  # a title line is at most this long
    noise: re.Pattern[str]  # words of a metric that say where, when or how it is told
    not_a_title: re.Pattern[str]
    change_start: re.Pattern[str]  # after the base a change starts from (由A增至B)
    part_before: re.Pattern[str]  # 其中 before a figure in its sentence
    base_before: re.Pattern[str]  # a comparison's base (较上年的97.8%)
    sample: re.Pattern[str]  # a survey's sample, not the population
    subjectless: re.Pattern[str]  # a metric without what it is of (占地区生产总值的比重)


@lru_cache(maxsize=1)
def restate_words() -> _Words:
    """The words that tell a restatement (relations.yaml ``restatement``), also read by the keys."""
    spec = data("relations")["restatement"]
    year = data("relations")["define"]["year"]
    return _Words(int(spec["title_max"]), re.compile(spec["noise"]), re.compile(spec["not_a_title"]),
                  re.compile(spec["change_start"]), re.compile(spec["part_before"]),
                  re.compile(spec["base_before"].replace("{year}", year)), re.compile(spec["sample"]),
                  re.compile(data("relations")["subjectless_metric"]))


def core(metric: str | None) -> str:
    """A metric without the words that say where, when or how it is told (全省, 期间共, 累计),
    its short forms written out (规上: 规模以上, 营收: 营业收入)."""
    name = restate_words().noise.sub("", metric or "")
    for short, full in _abbreviations():
        name = name.replace(short, full) if full not in name else name
    return name


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(data("relations")["restatement"]["abbreviations"].items(), key=lambda kv: -len(kv[0])))


def head_end(text: str, figures: list[Figure]) -> tuple[int, int]:
    """Where the title lines (short, no sentence end) end, and where the head ends: after the
    title when it holds figures, else after the lead paragraph that follows it; (0, 0) when the
    draft has no body after its head."""
    words = restate_words()
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    titles = 0
    while titles < min(3, len(paragraphs) - 1):
        a, b = paragraphs[titles]
        line = text[a:b].strip()
        if len(line) > words.title_max or words.not_a_title.search(line):
            break
        titles += 1
    title = paragraphs[titles - 1][1] if titles else 0
    if titles and any(f.start < title for f in figures):
        return title, title
    if titles + 1 < len(paragraphs):
        return title, paragraphs[titles][1]  # the lead paragraph
    return 0, 0


def find(text: str, figures: list[Figure]) -> list[Relation]:
    """Each head figure with every body figure that may restate it."""
    title, end = head_end(text, [f for f in figures if f.kind in _KINDS])
    if end <= 0:
        return []
    # without a headline, a first paragraph may still be a lead that sums up the body, but only
    # a figure of the same name restates it (two paragraphs are often just two paragraphs)
    head = [f for f in figures if f.start < end and _restatable(f, text) and bigrams(core(f.metric))] \
        if title > 0 else []
    # a headline with figures: its lead sums up the body too, but a lead's figure is matched only
    # by the same name (the body goes into the lead's parts: 接待游客 and 重点景区接待游客)
    lead = _lead_end(text, title) if end == title else end
    strict = [f for f in figures if title <= f.start < lead and _restatable(f, text) and bigrams(core(f.metric))]
    # only body figures of a head figure's kind and dimension can restate it (most of a long
    # report's are not: the test is asked of those alone)
    wanted = {(h.kind, dimension(h.unit)) for h in head + strict}
    body = [f for f in figures if f.start >= end and (f.kind, dimension(f.unit)) in wanted and _restatable(f, text)]
    out = []
    for h in strict:
        out += [Relation("restatement", "restatement.lead-body", {"head": h, "body": b}, {}) for b in body
                if b.start >= lead and _may_restate(h, b) and core(b.metric) == core(h.metric)]
    for h in head:
        mine = core(h.metric)
        if not bigrams(mine):
            continue
        pattern = "restatement.title-body" if h.start < title else "restatement.lead-body"
        found = []
        for b in body:
            if not _may_restate(h, b):
                continue
            theirs = core(b.metric)
            if _names_one(mine, theirs) or _names_one(_context(text, h), _context(text, b), 0.6):
                found.append(b)
        # kinds of the head's quantity listed side by side ("重点景区接待游客18.3万人次，乡村旅游点
        # 接待游客21.5万人次" under 接待游客): its parts, not it again
        kinds: dict[int, int] = {}
        for b in found:
            if core(b.metric) != mine:
                kinds[b.sentence] = kinds.get(b.sentence, 0) + 1
        out += [Relation("restatement", pattern, {"head": h, "body": b}, {}) for b in found
                if core(b.metric) == mine or kinds[b.sentence] < 2]
    # a lead figure inside the headline's reach is found both as a lead and as a head figure:
    # one relation a pair, or its finding is reported twice
    seen: set[tuple[int, int]] = set()
    return [r for r in out if (pair := (id(r["head"]), id(r["body"]))) not in seen and not seen.add(pair)]


# characters that make a name another quantity: a total (总), what is new (新, 增, 净), a
# running total (累), one sex (女, 男), a part (其)
_OTHER_QUANTITY = frozenset("总新增累净女男其")
# of those, what makes a name a flow beside a stock (新建户外劳动者服务站点, 户外劳动者服务站点)
_NEW = frozenset("新增净")


def _may_restate(head: Figure, body: Figure) -> bool:
    """Of one kind and dimension, not a part, a target only of a target and a growth only of a
    growth (前三季度规上工业增加值增长6.8% and 规模以上工业增加值同比增长6.3%)."""
    return (body.kind == head.kind and dimension(body.unit) == dimension(head.unit)
            and not body.plays("part") and body.plays("target") == head.plays("target")
            and body.plays("growth") == head.plays("growth"))


def _lead_end(text: str, title: int) -> int:
    """Where the paragraph after the title ends (the title itself when no body follows)."""
    m = re.compile(r"[^\n]*\S[^\n]*").search(text, title)
    return m.end() if m and m.end() < len(text.rstrip()) else title


def _names_one(mine: str, theirs: str, share: float = 0.5) -> bool:
    """Two names of one quantity: one ends with the other, with more qualifiers before the head
    noun (调解成功率, 劳动争议调解成功率), or they share their head noun and most of their words
    (参加劳动竞赛职工, 参加劳动竞赛的职工). A bare head noun (职工, 女职工) names no one quantity,
    nor do two heads (产量, 保有量; 入会, 会员)."""
    short, long_ = sorted((mine, theirs), key=len)
    if len(short) >= 4 or (len(short) == 3 and short.endswith("率")):
        # (not 户外劳动者服务站点 and 新建户外劳动者服务站点: the new ones are another quantity)
        if (mine.endswith(theirs) or theirs.endswith(mine)) and not set(long_[:-len(short)]) - set(short) & _NEW:
            return True
    # the same words in another order (签订集体合同, 集体合同签订量; 网上练兵覆盖职工, 网上技能
    # 练兵活动覆盖职工): every character of the shorter name in the longer
    if len(short) >= 4 and all(c in long_ for c in short) and len(long_) <= 2 * len(short) \
            and not set(long_) - set(short) & _OTHER_QUANTITY:
        return True
    ours, others = bigrams(mine), bigrams(theirs)
    shared = ours & others
    if len(ours) < 3 or mine[-2:] != theirs[-2:] or len(shared) < share * len(ours):
        return False
    if (set(mine) ^ set(theirs)) & _NEW:
        return False  # one says 新建 and the other does not: what is new, and all there are
    # not each with qualifiers of its own (基本养老保险参保人数, 工伤保险参保人数: two insurances)
    return not (len(ours - others) >= 2 and len(others - ours) >= 2)


def _clause(text: str, f: Figure) -> str:
    start, end = clause_span(text, f.start, f.end)
    return text[start:end]


def _context(text: str, f: Figure) -> str:
    """What a figure counts with the words after it to its clause's end: where a metric read
    from the words before (市总工会帮助1753户) leaves out the noun after (在档城镇困难职工家庭)."""
    return core(f.metric) + said_after(text, f, 14)


def _restatable(f: Figure, text: str) -> bool:
    """A level of its own or a rate of change: not an amount of change, a gap or an average, nor the base a change starts from
    (由1.58亿人次增加到3.23亿人次: 1.58亿 is the earlier year's; 较上年的97.8%), nor a part
    (其中，…8.6亿元)."""
    return (f.kind in _KINDS and f.metric is not None and f.unit != "个百分点"
            and not restate_words().subjectless.search(f.metric)
            and not (f.plays("difference") or f.plays("average"))
            and not (f.plays("growth") and f.kind != "percent")  # (增加210人: an amount of change)
            and not restate_words().change_start.match(text, f.end)
            and not restate_words().part_before.search(text, max(0, f.start - 60), f.start)
            and not restate_words().base_before.search(text, max(0, f.start - 12), f.start)
            and "分别" not in words_before(text, f, 40)  # an item of a 分别 list names several quantities
            and not restate_words().sample.search(_clause(text, f)))
