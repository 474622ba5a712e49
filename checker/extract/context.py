"""What a figure counts, whose, when, and in what role: read from the words around it.

Only the clause around each figure is segmented (jieba), never the whole document. Scope and
period words are found once per document with one pattern each, then looked up per figure with
bisect, so the cost grows with the number of figures, not with their context size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from checker.extract.fastscan import finditer, starts_class
from checker.extract.numerals import chinese
from checker.extract.segment import tagged, words
from checker.source.region import CITY_PROVINCE, PROVINCES

# Clause and sentence delimiters in normalized text.
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_CLAUSE_END = re.compile(r"(?:[，,、：:。！？!?；;\n（）()“”\"《》]|——|…+)+")

# -- scope ---------------------------------------------------------------------------------
_SHORT_PROVINCE = {short: full for full, short, _ in PROVINCES}
_PLACES = sorted(
    [full for full, _, _ in PROVINCES] + list(_SHORT_PROVINCE) + [c + "市" for c in CITY_PROVINCE]
    + list(CITY_PROVINCE), key=len, reverse=True)
_SCOPE = re.compile(
    r"(?:全国|全省|全区|全市)(?!五一|劳动模范|劳模|先进|文明|优秀|示范|模范|十佳|百强|首|第|重点|一流|典型|性)"
    r"|全县|全州|全盟|我省|我区|我市|我县|本省|本市|本县|省级|市级|县级|"
    r"(?P<named>(?:" + "|".join(_PLACES) + "))"
)
_SCOPE_STARTS = starts_class("全我本省市县" + "".join(p[0] for p in _PLACES))

# -- period --------------------------------------------------------------------------------
_PERIOD = re.compile(
    # a plan period named on its own or with its word, not inside a slogan (建功十四五)
    r"(?:(?<=“)|(?<![\u4e00-\u9fff]))(?P<plan>十[一二三四五六七八九]五)(?:”)?(?:时期|期间|以来|规划)?"
    r"|(?P<plan2>十[一二三四五六七八九]五)(?=”?(?:时期|期间|以来|规划|末))"
    r"|(?P<since>(?P<sy>(?:19|20)\d\d)年)(?:以来|来)"
    r"|(?P<recent>近|过去)?(?P<rn>[两二三四五六七八九十\d]{1,2})年(?:以来|来)"
    r"|(?P<rel>今年|去年|前年|明年|本年度|上年|上一年|过去一年|过去的一年|这一年)"
    r"|(?P<year>(?:19|20)\d\d)年"
    r"|(?P<asof>截至目前|截至|截止|目前|至今)"
)

_PERIOD_STARTS = starts_class("十0123456789近过两二三四五六七八九今去前明本上这截至目")

# -- role ----------------------------------------------------------------------------------
_PART = re.compile(r"其中|包括|含")
_SHARE = re.compile(r"占(?!据|领|用|有)|比重|占比|份额")
# 增加值 (value added) is a measure, not an increase
_GROWTH = re.compile(r"增长|同比|环比|提高|增加(?!值)|下降|减少|上升|增幅|增速|降低|回落|提升|翻番|扩大")
# 力争/预期/预计 govern a whole plan sentence ("主要预期目标是：…；…"); weaker words only their clause
_TO_LEVEL = re.compile(r"(?:了)?(?:到|至|为|达到|达)")
_TARGET_SENTENCE = re.compile(r"力争|预期|预计")
_TARGET_CLAUSE = re.compile(r"目标|争取|将达到|计划到|到20\d\d年")
_TOTAL = re.compile(r"共计|共有|合计|累计|总计|总数|总额|总量|总规模|总产量|总收入|总值|共$")
_AVERAGE = re.compile(r"人均|平均|年均|户均|均")

# -- metric --------------------------------------------------------------------------------
# Words that open a clause without saying what is counted: scope, time, connectives.
_LEAD = re.compile(
    r"^(?:(?:来|以来|全国|全省|全区|全市|全县|我省|我市|本市|各级工会|各级|全年|今年|去年|当年|期间|"
    r"过去一年|其中|同时|此外|另外|并|而|共|累计|目前|截至目前|已|先后|共计|合计|"
    r"[\u4e00-\u9fff]{2,3}(?:省|市|县))+)"
)
# Words that join a metric to its figure.
_LINK = re.compile(
    r"(?:达到|达|为|是|有|共|计|约|近|超过|超|逾|突破|累计|共计|合计|总计|实现|完成|增长|年均|"
    r"同比|比上年|提高到|提升到|增加到|分别|占|高达|多达|仅|只有|的|了|到|至|超出)+$"
)
_VERBISH = frozenset(
    "为 帮助 帮扶 带动 投入 建成 建设 慰问 资助 提供 组织 开展 举办 培训 选派 完成 服务 惠及 覆盖 "
    "涉及 吸引 走访 发放 追回 挽回 筹集 拨付 新建 发展 建立 设立 推动 支持 选树 表彰 遴选 帮 "
    "吸纳 安置 接待 受理 办理 签订 培育 新增 改造 引进 实施 解决 救助 捐赠 动员 参与 参加 "
    "助力 会同 联合 向 给 对 与 和 及 等 对接 达成 招聘 认定".split()
)
_MAX_METRIC = 12


@dataclass(frozen=True)
class Context:
    metric: str | None
    scope: str | None
    period: str | None
    role: str | None
    sentence: int
    clause: int


class DocumentContext:
    """Per-document indexes of delimiters, scope and period words."""

    def __init__(self, text: str, published: dt.date | None, province: str | None,
                 city: str | None) -> None:
        self.text = text
        self.published = published
        self.province = province
        self.city = city
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        delims = [m.span() for m in _CLAUSE_END.finditer(text)]
        self._clause_ends = [e for _, e in delims]  # a clause starts where a delimiter ends
        self._clause_stops = [s for s, _ in delims]  # and stops where the next one starts
        self._para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        scopes = [(m.start(), self._resolve_scope(m)) for m in finditer(_SCOPE, _SCOPE_STARTS, text)]
        scopes = [(p, s) for p, s in scopes if s]
        self._scope_pos = [p for p, _ in scopes]
        self._scope_val = [s for _, s in scopes]
        periods = [(m.start(), m.end(), self._resolve_period(m))
                   for m in finditer(_PERIOD, _PERIOD_STARTS, text)]
        periods = [(p, e, v) for p, e, v in periods if v]
        self._period_pos = [p for p, _, _ in periods]
        self._period_end = [e for _, e, _ in periods]
        self._period_val = [v for _, _, v in periods]
        self._targets = [m.start() for m in _TARGET_SENTENCE.finditer(text)]

    # -- boundaries --------------------------------------------------------------------------
    def sentence_spans(self) -> list[tuple[int, int]]:
        """[start, end) of every sentence, in the same numbering as ``sentence_of``."""
        starts = [0] + self._sentence_ends
        ends = self._sentence_ends + [len(self.text)]
        return list(zip(starts, ends))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """(index, start offset) of the sentence holding ``pos``."""
        i = bisect.bisect_right(self._sentence_ends, pos)
        return i, (self._sentence_ends[i - 1] if i else 0)

    def clause_of(self, pos: int) -> tuple[int, int, int]:
        """(index, start, end) of the clause holding ``pos``."""
        i = bisect.bisect_right(self._clause_ends, pos)
        start = self._clause_ends[i - 1] if i else 0
        end = self._clause_stops[i] if i < len(self._clause_stops) else len(self.text)
        return i, start, end

    # -- scope -------------------------------------------------------------------------------
    def _resolve_scope(self, m: re.Match) -> str | None:
        word = m.group()
        if m.group("named"):
            if word in _SHORT_PROVINCE:
                return _SHORT_PROVINCE[word]
            if word in CITY_PROVINCE:
                return word + "市"
            return word
        if word in ("全国",):
            return "全国"
        if word[1] in "省区" or word == "省级":
            return self.province or "全省"
        if word[1] == "市" or word == "市级":
            return self.city or "全市"
        if word[1] == "县" or word == "县级":
            return "全县"
        return word

    def scope_at(self, start: int, sentence_start: int) -> str | None:
        i = bisect.bisect_right(self._scope_pos, start) - 1
        if i >= 0 and self._scope_pos[i] >= sentence_start:
            return self._scope_val[i]
        return None

    # -- period ------------------------------------------------------------------------------
    def _resolve_period(self, m: re.Match) -> str | None:
        pub = self.published
        plan = m.group("plan") or m.group("plan2")
        if plan:
            # 十一五 is 2006-2010, each plan five years after the one before
            start = 2006 + (int(chinese(plan[1])[0]) - 1) * 5
            return f"{start}..{start + 4}"
        if m.group("since"):
            end = pub.year if pub else ""
            return f"{m.group('sy')}..{end}"
        if m.group("rn"):
            raw = m.group("rn")
            n = int(raw) if raw.isdigit() else int(chinese(raw)[0])
            if not pub or n > 30:
                return None
            return f"{pub.year - n + 1}..{pub.year}"
        if m.group("rel"):
            if not pub:
                return None
            word = m.group("rel")
            if word in ("今年", "本年度", "这一年"):
                return str(pub.year)
            if word in ("去年", "上年", "上一年"):
                return str(pub.year - 1)
            if word == "前年":
                return str(pub.year - 2)
            if word == "明年":
                return str(pub.year + 1)
            # 过去一年: the year just ended for a report of the first quarter, else this year
            return str(pub.year - 1 if pub.month <= 3 else pub.year)
        if m.group("year"):
            return m.group("year")
        if m.group("asof"):
            # without a date, "now" is still one instant within the article
            return f"..{pub.isoformat()}" if pub else "..发布时"
        return None

    def period_at(self, start: int, sentence_start: int) -> str | None:
        """The nearest time expression before ``start`` in its sentence, else in its paragraph."""
        i = bisect.bisect_right(self._period_end, start) - 1
        if i < 0:
            return None
        if self._period_pos[i] >= sentence_start:
            return self._period_val[i]
        p = bisect.bisect_right(self._para_starts, start) - 1
        if self._period_pos[i] >= self._para_starts[p]:
            return self._period_val[i]
        return None

    # -- metric and role ---------------------------------------------------------------------
    def metric_and_role(self, start: int, end: int, kind: str, prev_end: int) -> tuple[str | None, str | None]:
        text = self.text
        _, c_start, c_end = self.clause_of(start)
        lead = text[max(c_start, prev_end):start]
        # a plan word anywhere earlier in the sentence (indexed once: sentences can be long)
        i = bisect.bisect_left(self._targets, start) - 1
        planned = i >= 0 and self._targets[i] >= self.sentence_of(start)[1]
        before = _metric_before(lead)
        after = _metric_after(text[end:c_end]) if kind in ("count", "money", "measure") else None
        if after and (not before or _ends_with_verb(lead)):
            metric = after
        else:
            metric = before
        role = _role(text[c_start:start], planned, kind, metric)
        return metric, role


def _metric_before(lead: str) -> str | None:
    lead = "".join(lead.split())  # layout spaces are not part of what is counted
    lead = _LEAD.sub("", lead)
    lead = _LINK.sub("", lead)
    if not lead:
        return None
    if len(lead) > _MAX_METRIC:
        # keep the last whole words that fit: the head of a Chinese noun phrase is at its end
        kept = ""
        for w in reversed(words(lead)):
            if len(kept) + len(w) > _MAX_METRIC:
                break
            kept = w + kept
        lead = kept or lead[-_MAX_METRIC:]
    return lead or None


_NOUNISH = ("n", "vn", "j", "an", "l", "a", "b")
_QUANTIFIERS = frozenset({"全部", "所有", "均", "都", "全", "各", "共"})


def _metric_after(tail: str) -> str | None:
    """The noun phrase a measure word governs: 3258户困难职工 -> 困难职工."""
    if not tail or not ("\u4e00" <= tail[0] <= "\u9fff"):
        return None
    out = ""
    for i, (w, flag) in enumerate(tagged(tail[:12])):
        if w in _QUANTIFIERS or not all("\u4e00" <= c <= "\u9fff" for c in w):
            break
        if (flag.startswith(_NOUNISH) and flag != "ad") or (i == 0 and w in ("各级", "各类")):
            out += w
        else:
            break
    return out if len(out) >= 2 else None  # one character (近, 超) is a marker, not a noun


def _ends_with_verb(lead: str) -> bool:
    """True where the lead ends in a verb or preposition: the metric then follows the figure."""
    lead = lead.rstrip().rstrip("了着过")  # 开展了16个行业: the aspect particle follows the verb
    if not lead:
        return True
    pairs = tagged(lead[-6:])
    flag = pairs[-1][1] if pairs else ""
    return flag in ("v", "p", "vd", "c") or pairs[-1][0] in _VERBISH


def _role(clause_lead: str, planned: bool, kind: str, metric: str | None) -> str | None:
    if kind in ("percent", "multiple", "fraction"):
        # 其中农村居民收入增长8.8%: a growth figure, whatever part it belongs to; but 提升至107%
        # and 提高到52.1% give the new level, not the change
        growth = None
        for growth in _GROWTH.finditer(clause_lead):
            pass
        if growth and not _TO_LEVEL.match(clause_lead, growth.end()):
            return "growth"
        if _SHARE.search(clause_lead):
            return "share"
    if _PART.search(clause_lead):
        return "part"
    if planned or _TARGET_CLAUSE.search(clause_lead):
        return "target"
    if _AVERAGE.search(clause_lead):
        return "average"
    if kind == "percent" and metric and metric.endswith("率"):
        return "rate"
    if _TOTAL.search(clause_lead):
        return "total"
    return None
