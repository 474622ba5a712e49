"""What a figure counts, whose, when, and in what role: read from the words around it.

Only the clause around each figure is segmented (jieba), never the whole document. Scope and
period words are found once per document with one pattern each, then looked up per figure with
bisect, so the cost grows with the number of figures, not with their context size. The words
themselves are data (checker/lang/zh/: scope, periods, frame, roles, metric).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from checker.fastscan import finditer, starts_of
from checker.extract.segment import tagged, words
from checker.lang import alternation, data
from checker.meaning.frame import PeriodIndex
from checker.meaning.period import Period
from checker.meaning.region import NATION, Region
from checker.source.region import CITY_PROVINCE, PROVINCES

# Clause and sentence delimiters in normalized text: runs of marks, a run of … one mark too, and
# —— (one dash is none). Each pattern begins with a character class, which the regex engine
# skips to in C; a run written as (?:…)+ would be tried at every position of the draft.
_SENTENCE_END = re.compile(r"[。！？!?\n][。！？!?\n]*")
_CLAUSE_MARKS = "，,、：:。！？!?；;\n（）()“”\"《》…"
_CLAUSE_END = re.compile(rf"[{_CLAUSE_MARKS}—](?:(?<=—)—|(?<!—))(?:[{_CLAUSE_MARKS}]|——)*")
_LINE_BREAKS = re.compile(r"\n\n*")
# what bounds the words that say what a figure counts: a clause, but across quotation marks
# (专精特新“小巨人”450家, 打造10个“云岭名方”)
_PHRASE_END = re.compile(r"[，,、：:。！？!?；;\n（）()《》]|——|…")

# -- scope ---------------------------------------------------------------------------------
_S = data("scope")
_SHORT_PROVINCE = {short: full for full, short, _ in PROVINCES}
_PLACES = sorted(
    [full for full, _, _ in PROVINCES] + list(_SHORT_PROVINCE) + [c + "市" for c in CITY_PROVINCE]
    + list(CITY_PROVINCE), key=len, reverse=True)
_OWN = {w: level for level, ws in _S["own"].items() for w in ws}
_SCOPE = re.compile(
    rf"(?P<nation>{alternation(_S['nation'])})(?P<nation_after>{alternation(_S['nation_not_own_after'])})?"
    rf"|(?P<own>{alternation(list(_OWN))})"
    rf"|(?P<named>{alternation(_PLACES)})"
)
_SCOPE_STARTS = starts_of([*_OWN, *_S["nation"], *_PLACES])
_NATION_BEFORE = re.compile(rf"(?:{alternation(_S['nation_not_own_before'])})$")

# -- role ----------------------------------------------------------------------------------
_R = data("roles")
_PART = re.compile(_R["part"])
_SHARE_AFTER_AMONG = re.compile(_R["share_after_among"])
_SHARE = re.compile(_R["share"])
_GROWTH = re.compile(_R["growth"])
_TO_LEVEL = re.compile(_R["to_level"])
_GROWTH_NOUN = re.compile(_R["growth_nouns"])
_GROWTH_TAIL = re.compile(_R["growth_tails"])
_TARGET_SENTENCE = re.compile(_R["target_sentence"])
_TARGET_CLAUSE = re.compile(_R["target_clause"])
_TOTAL = re.compile(_R["total"])
_AVERAGE = re.compile(_R["average"])
_DIFFERENCE = re.compile(_R["difference"])
_TOTAL_AFTER = re.compile(_R["total_after"])
_COUNT_CHANGE = re.compile(_R["count_change"])
# the order facets are written in ("growth+target")
FACETS = ("part", "total", "share", "rate", "growth", "difference", "average", "rank", "target")

# -- metric --------------------------------------------------------------------------------
_M = data("metric")
_LEAD = re.compile(rf"^(?:(?:{alternation(_M['lead'])}|(?:{alternation(_PLACES)})(?:{_M['lead_place_level']})?"
                   rf"|{_M['lead_time']}|{alternation(list(data('periods')['quarters']))})+)")
_LINK = re.compile(rf"(?:{alternation(_M['link'])})+$")
_TAIL = re.compile(_M["tail"])
_DROP = re.compile(_M["drop"])
_END_WINDOW = 24  # longer than any link or tail word run (达到了, 分别从2020年的)
_INHERIT = re.compile(_M["inherit"])
_VERBISH = frozenset(_M["verbs"])
_QUANTIFIERS = frozenset(_M["quantifiers"])
_PREDICATE_VERBS = frozenset(_M["predicate_verbs"])
_AFTER_STOP = tuple(_M["after_stop_tags"])
_FUNCTION_TAGS = tuple(_M["function_tags"])
_AFTER_OPENERS = frozenset(_M["after_openers"])
_NP_VERBS = frozenset(_M["np_verbs"])
_NP_HEADS = frozenset(_M["np_heads"])
_NP_HEAD_ENDS = tuple(_NP_HEADS)
_NOUNISH = tuple(_M["noun_tags"])
_MAX_METRIC = int(_M["max_chars"])
_MAX_SHARE = int(_M["share_max_chars"])
_SHARE_WORDS = tuple(_M["share_words"])
_GENERIC = frozenset(_M["generic"])
_ONE_CHAR_NOUN_TAGS = tuple(_M["one_char_noun_tags"])
_CATEGORY = re.compile(rf"(?:{alternation(_M['category_verbs'])})了?[^，,、；;。：:（）()\n的]{{2,16}}")
_CATEGORY_END = re.compile(_M["category_object_end"])
_LIST_HEADS = sorted(_M["list_heads"], key=len, reverse=True)
_PAIRED = sorted(_M["paired_names"].items(), key=lambda kv: len(kv[0]), reverse=True)
# a quoted name or a word the segmenter splits off stays one piece of a counted noun
_PIECES = re.compile(rf"(“[^”]{{1,12}}”|{alternation(_M['np_inner'])})")
# "A、B和C分别增长x、y、z": the names before 分别, one per figure after it
_LIST_SPLIT = re.compile(r"[、和及与]")
_LIST_BREAK = re.compile(r"[；;。]")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_OPENS = re.compile(r"[，,；;：:。！？!?\n](?:[并而且])?$")
_RUN = re.compile(r"[、和]")  # between the figures of a run: 3.5%、6%、5%
# between two items of a list, the second named: "4249件、政协提案3542件" (no verb, no figure)
_NEXT_ITEM = re.compile(_R["next_item"])
_NEXT_ITEM_COMMA = re.compile(_R["next_item_comma"])
# kinds whose counted noun may follow the figure (帮扶3258户困难职工, 720兆瓦储能电站)
_NOUN_AFTER = ("count", "measure")


@dataclass(frozen=True)
class Meaning:
    metric: str | None
    role: str | None


class DocumentContext:
    """Per-document indexes of delimiters, scope and period words, and the draft's frame."""

    def __init__(self, text: str, published: dt.date | None, province: str | None,
                 city: str | None, title: str | None = None) -> None:
        self.text = text
        self.published = published
        self.province = province
        self.city = city
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        delims = [m.span() for m in _CLAUSE_END.finditer(text)]
        self._clause_ends = [e for _, e in delims]  # a clause starts where a delimiter ends
        self._clause_stops = [s for s, _ in delims]  # and stops where the next one starts
        self._para_starts = [0] + [m.end() for m in _LINE_BREAKS.finditer(text)]
        scopes = [(m.start(), m.end(), self._resolve_scope(m), bool(m.group("named")))
                  for m in finditer(_SCOPE, _SCOPE_STARTS, text)]
        scopes = [s for s in scopes if s[2] is not None]
        self._scope_pos = [p for p, _, _, _ in scopes]
        self._scope_val = [s for _, _, s, _ in scopes]
        # a named place reaches only its clause (or its sentence, leading it); so does the
        # nation, unless it opens a clause as its subject (，全总开展了…，下拨资金12.18亿元)
        self._scope_named = [n or (s.level == "nation" and not self._opens_clause(p))
                             for p, _, s, n in scopes]
        self._own = self._own_region(text)
        self.periods = PeriodIndex(text, published, title)
        self._targets = [m.start() for m in _TARGET_SENTENCE.finditer(text)]
        self._role_from: dict[int, int] = {}  # a figure's end -> where its role's words start
        self._parts: set[int] = set()  # the ends of the figures that are parts (其中 …)
        self._lists = _find_all(text, "分别")

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

    def paragraph_start(self, pos: int) -> int:
        return self._para_starts[bisect.bisect_right(self._para_starts, pos) - 1]

    # -- scope -------------------------------------------------------------------------------
    def _own_region(self, text: str) -> Region | None:
        """The draft's own region: its city, else its province; the nation for a draft about the
        whole country (全国, 全总 in its head and no region of its own)."""
        if self.city:
            return Region.named(self.city)
        if self.province:
            return Region.named(self.province)
        head = text[:int(data("frame")["head_chars"])]
        if any(w in head for w in _S["nation"]):
            return Region(NATION, "nation")
        return None

    def _resolve_scope(self, m: re.Match) -> Region | None:
        word = m.group()
        if m.group("named"):
            if word in _SHORT_PROVINCE:
                return Region(_SHORT_PROVINCE[word], "province")
            if word in CITY_PROVINCE:
                return Region(word + "市", "city")
            return Region.named(word)
        if m.group("nation"):
            # 全国第一, 居全国前列, 高于全国平均: the figure is still the draft's own
            if m.group("nation_after") or _NATION_BEFORE.search(self.text[max(0, m.start() - 3):m.start()]):
                return None
            return Region(NATION, "nation")
        level = _OWN[word]
        name = {"province": self.province, "city": self.city}.get(level)
        # a county of its own, or a province the draft does not name: known only within it
        return Region(name, level) if name else Region(_S["own"][level][0], level, known=False)

    def _opens_clause(self, pos: int) -> bool:
        before = self.text[max(0, pos - 3):pos]
        return not before or bool(_OPENS.search(before))

    def scope_at(self, start: int, sentence_start: int, clause_start: int) -> Region | None:
        """The scope word nearest before the figure in its sentence (a named place only in the
        figure's clause or leading its sentence), else the draft's own region."""
        i = bisect.bisect_right(self._scope_pos, start) - 1
        while i >= 0 and self._scope_pos[i] >= sentence_start:
            pos = self._scope_pos[i]
            # "全国验收合格、投入运营的…423家": names joined by 、 are one phrase, not two clauses
            if not self._scope_named[i] or pos - sentence_start <= 2 or pos >= clause_start \
                    or not _CLAUSE_BREAK.search(self.text, pos, start):
                return self._scope_val[i]
            i -= 1
        return self._own

    # -- period ------------------------------------------------------------------------------
    def period_at(self, start: int, sentence_start: int) -> Period | None:
        return self.periods.period_at(start, sentence_start, self.paragraph_start(start))

    # -- metric and role ---------------------------------------------------------------------
    def metric_and_role(self, start: int, end: int, kind: str, prev_end: int,
                        period: Period | None, prev_metric: str | None = None) -> Meaning:
        """``prev_end`` and ``prev_metric``: where the figure before this one in the draft ends
        and what it counts (a figure that names nothing of its own counts the same, below)."""
        text = self.text
        _, c_start, _ = self.clause_of(start)
        s_start = self.sentence_of(start)[1]
        p_start, p_end = self._phrase_bounds(start, end, max(s_start, prev_end))
        lead = text[self._lead_start(p_start, s_start, prev_end):start]
        # a plan word anywhere earlier in the sentence (indexed once: sentences can be long)
        i = bisect.bisect_left(self._targets, start) - 1
        planned = i >= 0 and self._targets[i] >= s_start
        frame = self.periods.frame_at(start)
        if frame.plan and not planned:
            # a plan section's figures are targets, unless the figure says it is from before
            planned = not (period and frame.period and period.last and frame.period.first
                           and period.last < frame.period.first)
        role_from = c_start
        if prev_end in self._role_from and _RUN.fullmatch(text, prev_end, start):
            role_from = self._role_from[prev_end]  # "分别增长3.5%、6%、5%": one cue for the run
        listed = self._listed_metric(start, c_start, s_start)
        after = None
        of_value = text.startswith("的", end)
        verb_ends = None  # whether the lead ends in a verb: a segmentation, so asked at most once
        if listed is None and kind == "money" and not of_value:
            verb_ends = _ends_with_verb(lead)
        if listed is None and (kind in _NOUN_AFTER or (kind == "money" and (of_value or verb_ends))):
            after = _metric_after(text[end:p_end], kind != "count")
        tenths = text[end - 1] == "成" and "\u4e00" <= text[end:end + 1] <= "\u9fff"
        if listed is None and kind == "percent" and (of_value or tenths) and not _SHARE.search(lead) \
                and not _metric_before(lead):
            # "96.2%的养老机构开展医养结合", "近三成耕地实现托管": a share of the noun after it, when
            # nothing before names one
            after = _metric_after(text[end:p_end], True)
        if listed is not None:
            metric, role_from = listed
        elif after and (kind in _NOUN_AFTER or kind == "percent"):
            metric = after  # 建成350个美丽乡村: what a measure word counts follows it
            if kind == "count":
                metric += _category_after(text, text.find(after, end, p_end) + len(after))
        elif prev_metric is not None and prev_end > s_start and _names_nothing(lead) \
                and not _LIST_BREAK.search(text, prev_end, start):
            # "城镇化率61.61%、提高5.1个百分点", "高于全国平均水平4.9个百分点": the change or gap
            # of what the figure before it in its sentence counts
            metric = prev_metric
        else:
            before = _metric_before(lead)
            # 价值12万元的防暑物资: what the amount is the value of follows it
            if after and before and not of_value and verb_ends is None:
                verb_ends = _ends_with_verb(lead)
            metric = after if after and (not before or of_value or verb_ends) else before
            if metric in _GENERIC:
                metric = self._of_subject(metric, c_start, s_start, prev_metric if prev_end > s_start else None)
        self._role_from[end] = role_from
        # a role's cue is in the figure's clause, or a list's opening words: never further back
        # than _ROLE_REACH (text without punctuation is one clause, and each figure would scan
        # everything before it)
        role_lead = text[max(role_from, start - _ROLE_REACH):start]
        if "占" in text[start:start + 2]:
            role_lead += text[start:start + 2]  # 约占四成: the share word was read into the figure
        role = _role(role_lead, planned, kind, metric, bool(_TOTAL_AFTER.match(text, end)),
                     self.periods.review_year)
        if kind == "percent" and not role and not role_lead.strip() and _SHARE_AFTER_AMONG.search(text, max(0, start - 4), start):
            role = "share"  # 今年新入会的会员中，一半来自快递物流行业
        elif kind == "percent" and not role and after and metric == after:
            role = "share"  # 96.2%的养老机构, 近三成耕地: a share of the noun after it
        if prev_end in self._parts and not role and (_NEXT_ITEM.fullmatch(text, prev_end, start)
                                                     or _same_kind_next(text, prev_end, start, prev_metric)):
            role = "part"  # 其中人大代表建议4249件、政协提案3542件: the next item of the 其中 list
        if role and "part" in role.split("+"):
            self._parts.add(end)
        return Meaning(metric, role)

    def _phrase_bounds(self, start: int, end: int, floor: int) -> tuple[int, int]:
        """Where the words before the figure start (not before ``floor``) and those after it end."""
        text = self.text
        p_start = max(floor, start - 40)
        for m in _PHRASE_END.finditer(text, p_start, start):
            p_start = m.end()
        close = text.rfind("”", p_start, start)
        if close >= 0 and text.rfind("“", p_start, close) < 0:
            p_start = close + 1  # the end of a quotation opened before: not part of these words
        m = _PHRASE_END.search(text, end, end + 24)
        return p_start, m.start() if m else min(len(text), end + 24)

    def _lead_start(self, start: int, s_start: int, prev_end: int) -> int:
        """"新培育认定乡村工匠、农村致富带头人2.7万人": names joined by 、 before a figure all
        say what it counts, so its words go back over a 、 with no figure after it."""
        text = self.text
        while start > s_start + 1 and text[start - 1] == "、" and prev_end < start - 1:
            _, c_start, _ = self.clause_of(start - 2)
            if c_start < prev_end or start - c_start > _MAX_METRIC // 2 or text[c_start - 1] in "“”":
                break
            start = c_start
        return start

    def _of_subject(self, metric: str, c_start: int, s_start: int, prev_metric: str | None) -> str:
        """A generic metric (产值, 总量) qualified by what the figure before it in its sentence
        counts ("净增各类经营主体155万户、总量达474万户"), else by the subject its sentence opens
        with, or, when the figure's clause opens the sentence, by that of the sentence before."""
        # "净增经营主体155万户、总量达474万户": the 总量 of what the figure before counts; but after
        # "营业收入由A增至B，" a 利润 is a measure beside it, not of it
        if prev_metric and not any(prev_metric.endswith(g) for g in _GENERIC):
            root = metric.lstrip("总")
            base = prev_metric
            for w in words(base):
                if w not in _VERBISH:
                    break
                base = base[len(w):]
            if base.endswith(root):
                base = base[:-len(root)]
            if len(base) >= 2:
                return base + metric
        start = s_start
        if c_start <= s_start + 1:
            prev = self.sentence_of(max(0, s_start - 1))[1] if s_start else None
            if prev is None or prev == s_start:
                return metric
            start = prev
        subject = []
        for w, flag in tagged(self.text[start:start + 10].lstrip()):
            if not (flag.startswith(_NOUNISH) and all("\u4e00" <= c <= "\u9fff" for c in w)):
                break
            subject.append(w)
        while subject and subject[-1] in _GENERIC:
            subject.pop()  # "省属国企营业收入由…，利润由…": the 利润 of 省属国企, not of its revenue
        who = "".join(subject)
        return who + metric if len(who) >= 2 else metric

    def _listed_metric(self, start: int, c_start: int, s_start: int) -> tuple[str | None, int] | None:
        """"规上工业增加值、固定资产投资分别增长5.1%、3.2%": each figure after 分别 takes the
        name in its place before 分别, and its role from the words of the whole list. Returns
        (metric, where the list's clause starts), or None for a figure in no such list."""
        i = bisect.bisect_left(self._lists, start) - 1
        if i < 0 or self._lists[i] < max(s_start, start - 60):
            return None  # no 分别 before the figure in its sentence (most figures: no slicing)
        lead = self.text[max(s_start, start - 60):start]
        at = lead.rfind("分别")
        if at < 0:
            return None
        after = lead[at + 2:]
        # the figure's place in the list after 分别: the figures before it are separated by 、
        if re.search(r"[，,；;。：:]", after):
            return None
        # 分别从A、B提高到C、D: the ends after 到 are counted again from the first name
        place = len(re.findall(r"[、和]", re.split(r"[到至]", after)[-1]))
        names_text = re.split(r"[，,；;。：:]", lead[:at])[-1]
        names = [n for n in _LIST_SPLIT.split(names_text) if n]
        if len(names) == 1:
            names = _paired(names[0])  # 城乡居民人均可支配收入分别增长6%和7.4%
        if len(names) < 2 or place >= len(names):
            return None
        list_start = start - len(lead) + at - len(names_text)
        metric = _metric_before(names[place])
        if metric and place < len(names) - 1:
            # "第一、第三产业增加值": the head written once, on the last name
            last = _metric_before(names[-1]) or ""
            head = next((h for h in _LIST_HEADS if last.endswith(h)), None)
            if head and not any(metric.endswith(h) for h in _LIST_HEADS):
                metric += head
            elif not head:
                metric += _shared_rest(metric, last)
        return metric, list_start


def _shared_rest(item: str, last: str) -> str:
    """"城镇、农村低保标准", "非洲、欧洲出口": an item that is one word, as long as the word the
    last name opens with (a qualifier of the same kind), takes the rest of the last name (低保标准,
    出口); "" for an item named in full ("电子信息、有色金属、装备制造业…": no telling its rest)."""
    mine, theirs = words(item), words(last)
    if len(mine) != 1 or len(theirs) < 2 or len(mine[0]) != len(theirs[0]):
        return ""
    return last[len(theirs[0]):]


def _paired(name: str) -> list[str]:
    """A name that joins two in one word (城乡居民…: 城镇居民… and 农村居民…), as its two names."""
    for joined, pair in _PAIRED:
        if joined in name:
            return [name.replace(joined, one, 1) for one in pair]
    return [name]


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _achieved(cue: re.Match, review_year: int | None) -> bool:
    """Whether a target cue names a year already reviewed (到2025年 in a report on 2025)."""
    year = re.search(r"\d{4}", cue.group())
    return bool(year and review_year and int(year.group()) <= review_year)


def _names_nothing(lead: str) -> bool:
    """Whether the words before a figure only link it to what was named before: a change, a
    level or a gap (提高, 达到, 高于全国平均水平), not a scope or time alone (全省)."""
    return bool(_LEAD.sub("", _DROP.sub("", lead))) and bool(_INHERIT.match(_stripped(lead)))


@lru_cache(maxsize=4096)
def _stripped(lead: str) -> str:
    """The words before a figure without layout, clause openers, links and a change's base."""
    lead = _DROP.sub("", lead)
    opener = _LEAD.match(lead)
    if opener:
        lead = lead[opener.end():]
    while True:
        shorter = _cut_end(_TAIL, _cut_end(_LINK, lead))
        if shorter == lead:
            return lead
        lead = shorter


def _cut_end(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without what ``pattern`` (anchored at $) matches at its end. The search starts
    near the end: an end-anchored pattern tried from every position costs a clause's length."""
    m = pattern.search(text, max(0, len(text) - _END_WINDOW))
    return text[:m.start()] if m else text


def _metric_before(lead: str) -> str | None:
    lead = _stripped(lead)
    if not lead:
        return None
    most = _MAX_SHARE if any(w in lead for w in _SHARE_WORDS) else _MAX_METRIC
    if len(lead) > most:
        # keep the last whole words that fit: the head of a Chinese noun phrase is at its end
        kept = ""
        # segment only the end that can be kept, and a little before it: the first word there
        # may be a piece of one the cut went through (社会资源 -> 会资源), so it is never kept
        for w in reversed(words(lead[-(most + 4):])[1:]):
            if len(kept) + len(w) > most:
                break
            kept = w + kept
        lead = _stripped(kept) or lead[-most:]
        close = lead.find("”")
        if close >= 0 and "“" not in lead[:close]:
            lead = lead[close + 1:]  # cut inside a quotation: keep what follows it
    if lead in _VERBISH:
        return None  # a bare verb (新增, 创建) says what was done, not what was counted
    return lead or None


def _metric_after(tail: str, of_value: bool) -> str | None:
    """The noun phrase a measure word governs: 3258户困难职工 -> 困难职工, 10个“云岭名方”,
    价值10万元的慰问品 (``of_value``: a money or measure figure may take 的 first). It ends
    before what is said of it (a predicate verb, an adverb, a particle …) or with its clause;
    a verb inside it (地质灾害避险搬迁) stays only when more of the noun follows or it ends it."""
    if of_value and tail.startswith("的"):
        tail = tail[1:]
    if not tail or not ("\u4e00" <= tail[0] <= "\u9fff" or tail[0] == "“"):
        return None
    window = tail[:16]
    out, last_noun, whole = "", 0, len(tail) <= 16
    for piece in _PIECES.split(window):
        if not piece:
            continue
        if _PIECES.fullmatch(piece):
            out += piece
            last_noun = len(out)
            continue
        pairs = tagged(piece)
        for k, (w, flag) in enumerate(pairs):
            opener = not out and (w in _AFTER_OPENERS or flag == "f")
            verb = flag in ("v", "vd")
            # a verb after the noun begins what is said of it (困难职工拨付帮扶资金), unless it is
            # one that stands inside nouns (科技创新团队)
            # a single character with a content tag is a piece of a word the small dictionary
            # lacks (防/暑/物资), not a stop; a function character (的, 在, 中) is one
            stop_tag = flag.startswith(_AFTER_STOP) and (len(w) > 1 or flag.startswith(_FUNCTION_TAGS))
            # a verb just before a noun's head stands inside the noun (产能提升重点县, 技术攻关团队)
            inside = k + 1 < len(pairs) and pairs[k + 1][0].endswith(_NP_HEAD_ENDS)
            if not opener and (w in _QUANTIFIERS or (w in _PREDICATE_VERBS and not (inside and w in _NP_VERBS)) or stop_tag
                               or (verb and last_noun and w not in _NP_VERBS and not inside)
                               or not all("\u4e00" <= c <= "\u9fff" for c in w)):
                whole = False
                break
            out += w
            if not verb:
                last_noun = len(out)
        else:
            continue
        break
    noun = out if whole else out[:last_noun]
    # one character (近, 超) is a marker, not a noun, unless it is one that ends there (3个村获评…,
    # 11个市(区)); one that a longer word goes on from (光/伏, 药/械) is a piece of that word
    return noun if len(noun) >= 2 or (noun and _noun_alone(tail, noun)) else None


def _noun_alone(tail: str, noun: str) -> bool:
    rest = tail[len(noun):]
    ends = not rest or not "\u4e00" <= rest[0] <= "\u9fff" or _CATEGORY.match(rest) \
        or rest.startswith(tuple(_PREDICATE_VERBS))
    return bool(ends) and tagged(noun)[0][1] in _ONE_CHAR_NOUN_TAGS


def _category_after(text: str, pos: int) -> str:
    """"12家单位入选全国首批重点培育中试平台": the count is of the units in that category, so the
    category is part of what is counted; "" where no category verb follows the noun."""
    m = _CATEGORY.match(text, pos)
    if not m:
        return ""
    end = _CATEGORY_END.search(m.group())  # 完成投资120亿元: a figure of its own ends the category
    return m.group()[:end.start()] if end else m.group()


_ROLE_REACH = 240


def _same_kind_next(text: str, prev_end: int, start: int, prev_metric: str | None) -> bool:
    """"其中一线生产人员两千四百人，技术研发人员六百人": after a comma, the next item of a 其中
    list names a kind with the head noun of the part before it (its last two characters)."""
    m = _NEXT_ITEM_COMMA.fullmatch(text, prev_end, start)
    return bool(m and prev_metric and len(prev_metric) >= 3 and m.group("kind") != prev_metric
                and m.group("kind").endswith(prev_metric[-2:]))


def _ends_with_verb(lead: str) -> bool:
    """True where the lead ends in a verb or preposition: the metric then follows the figure."""
    lead = lead.rstrip().rstrip("了着过")  # 开展了16个行业: the aspect particle follows the verb
    if not lead:
        return True
    pairs = tagged(lead[-6:])
    flag = pairs[-1][1] if pairs else ""
    return flag in ("v", "p", "vd", "c") or pairs[-1][0] in _VERBISH


def _role(clause_lead: str, planned: bool, kind: str, metric: str | None, parts_follow: bool,
          review_year: int | None = None) -> str | None:
    """The figure's role facets, written in FACETS order and joined by "+" ("growth+target").
    ``parts_follow``: its parts follow it (其中 …), so it is a whole; ``review_year``: the year
    the draft reviews (提高到2025年的58.1% in a 2026 report is achieved, not a target)."""
    facets = set()
    if kind in ("percent", "multiple", "fraction"):
        # 其中农村居民收入增长8.8%: a growth figure, whatever part it belongs to; but 提升至107%
        # and 提高到52.1% give the new level, not the change, and a growth word inside what is
        # counted (对工业增长贡献率) is none
        growth = None
        at = clause_lead.rfind(metric) if metric and len(metric) >= 3 else -1
        for growth in _GROWTH.finditer(clause_lead):
            if at >= 0 and at <= growth.start() and growth.end() < at + len(metric) \
                    and not _GROWTH_TAIL.match(clause_lead, growth.end()):
                growth = None
                continue
        # 增幅达64.9% is the change; 提高到52.1% the new level
        if growth and (_GROWTH_NOUN.fullmatch(growth.group()) or not _TO_LEVEL.match(clause_lead, growth.end())):
            facets.add("growth")
        elif _DIFFERENCE.search(clause_lead):
            facets.add("difference")
        elif _SHARE.search(clause_lead):
            facets.add("share")
        elif kind == "percent" and metric and metric.endswith("率"):
            facets.add("rate")
    elif kind in ("count", "money", "measure", "duration"):
        change = None
        for change in _COUNT_CHANGE.finditer(clause_lead):
            pass
        if _DIFFERENCE.search(clause_lead):
            facets.add("difference")  # 平均受教育年限高于全国平均水平0.4年
        elif change and not _TO_LEVEL.match(clause_lead, change.end()):
            facets.add("growth")  # 增加普惠性养老床位2000个, 农民人均收入增加1207元
    if "growth" not in facets and _PART.search(clause_lead):
        facets.add("part")
    if planned or any(not _achieved(m, review_year) for m in _TARGET_CLAUSE.finditer(clause_lead)):
        facets.add("target")
    if _AVERAGE.search(clause_lead):
        facets.add("average")
    if not facets & {"growth", "share", "rate", "part", "average"} and (parts_follow or _TOTAL.search(clause_lead)):
        facets.add("total")
    return "+".join(f for f in FACETS if f in facets) or None
