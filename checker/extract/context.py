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

from checker.fastscan import finditer, starts_class
from checker.extract.segment import tagged, words
from checker.lang import alternation, data
from checker.meaning.frame import PeriodIndex
from checker.meaning.period import Period
from checker.meaning.region import NATION, Region
from checker.source.region import CITY_PROVINCE, PROVINCES

# Clause and sentence delimiters in normalized text.
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_CLAUSE_END = re.compile(r"(?:[，,、：:。！？!?；;\n（）()“”\"《》]|——|…+)+")

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
_SCOPE_STARTS = starts_class("".join({w[0] for w in [*_OWN, *_S["nation"], *_PLACES]}))
_NATION_BEFORE = re.compile(rf"(?:{alternation(_S['nation_not_own_before'])})$")

# -- role ----------------------------------------------------------------------------------
_R = data("roles")
_PART = re.compile(_R["part"])
_SHARE = re.compile(_R["share"])
_GROWTH = re.compile(_R["growth"])
_TO_LEVEL = re.compile(_R["to_level"])
_TARGET_SENTENCE = re.compile(_R["target_sentence"])
_TARGET_CLAUSE = re.compile(_R["target_clause"])
_TOTAL = re.compile(_R["total"])
_AVERAGE = re.compile(_R["average"])
_DIFFERENCE = re.compile(_R["difference"])
# the order facets are written in ("growth+target")
FACETS = ("part", "total", "share", "rate", "growth", "difference", "average", "rank", "target")

# -- metric --------------------------------------------------------------------------------
_M = data("metric")
_LEAD = re.compile(rf"^(?:(?:{alternation(_M['lead'])}|{_M['lead_place']})+)")
_LINK = re.compile(rf"(?:{alternation(_M['link'])})+$")
_VERBISH = frozenset(_M["verbs"])
_QUANTIFIERS = frozenset(_M["quantifiers"])
_NOUNISH = tuple(_M["noun_tags"])
_MAX_METRIC = int(_M["max_chars"])
_GENERIC = frozenset(_M["generic"])
# "A、B和C分别增长x、y、z": the names before 分别, one per figure after it
_LIST_SPLIT = re.compile(r"[、和及与]")


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
        self._para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        scopes = [(m.start(), m.end(), self._resolve_scope(m), bool(m.group("named")))
                  for m in finditer(_SCOPE, _SCOPE_STARTS, text)]
        scopes = [s for s in scopes if s[2] is not None]
        self._scope_pos = [p for p, _, _, _ in scopes]
        self._scope_val = [s for _, _, s, _ in scopes]
        self._scope_named = [n for _, _, _, n in scopes]
        self._own = self._own_region(text)
        self.periods = PeriodIndex(text, published, title)
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

    def scope_at(self, start: int, sentence_start: int, clause_start: int) -> Region | None:
        """The scope word nearest before the figure in its sentence (a named place only in the
        figure's clause or leading its sentence), else the draft's own region."""
        i = bisect.bisect_right(self._scope_pos, start) - 1
        while i >= 0 and self._scope_pos[i] >= sentence_start:
            pos = self._scope_pos[i]
            if not self._scope_named[i] or pos >= clause_start or pos - sentence_start <= 2:
                return self._scope_val[i]
            i -= 1
        return self._own

    # -- period ------------------------------------------------------------------------------
    def period_at(self, start: int, sentence_start: int) -> Period | None:
        return self.periods.period_at(start, sentence_start, self.paragraph_start(start))

    # -- metric and role ---------------------------------------------------------------------
    def metric_and_role(self, start: int, end: int, kind: str, prev_end: int,
                        period: Period | None) -> Meaning:
        text = self.text
        _, c_start, c_end = self.clause_of(start)
        lead = text[max(c_start, prev_end):start]
        s_start = self.sentence_of(start)[1]
        # a plan word anywhere earlier in the sentence (indexed once: sentences can be long)
        i = bisect.bisect_left(self._targets, start) - 1
        planned = i >= 0 and self._targets[i] >= s_start
        frame = self.periods.frame_at(start)
        if frame.plan and not planned:
            # a plan section's figures are targets, unless the figure says it is from before
            planned = not (period and frame.period and period.last and frame.period.first
                           and period.last < frame.period.first)
        metric = self._listed_metric(start, c_start, s_start)
        if metric is None:
            before = _metric_before(lead)
            after = _metric_after(text[end:c_end]) if kind in ("count", "money", "measure") else None
            metric = after if after and (not before or _ends_with_verb(lead)) else before
        if metric in _GENERIC:
            metric = self._of_subject(metric, c_start, s_start)
        role = _role(text[c_start:start], planned, kind, metric)
        return Meaning(metric, role)

    def _of_subject(self, metric: str, c_start: int, s_start: int) -> str:
        """A generic metric (产值) qualified by the subject its sentence opens with, or, when the
        figure's clause opens the sentence, the subject of the sentence before."""
        start = s_start
        if c_start <= s_start + 1:
            prev = self.sentence_of(max(0, s_start - 1))[1] if s_start else None
            if prev is None or prev == s_start:
                return metric
            start = prev
        subject = ""
        for w, flag in tagged(self.text[start:start + 10].lstrip()):
            if not (flag.startswith(_NOUNISH) and all("\u4e00" <= c <= "\u9fff" for c in w)):
                break
            subject += w
        return subject + metric if len(subject) >= 2 else metric

    def _listed_metric(self, start: int, c_start: int, s_start: int) -> str | None:
        """"规上工业增加值、固定资产投资分别增长5.1%、3.2%": each figure after 分别 takes the
        name in its place before 分别."""
        lead = self.text[max(s_start, start - 60):start]
        at = lead.rfind("分别")
        if at < 0:
            return None
        after = lead[at + 2:]
        # the figure's place in the list after 分别: the figures before it are separated by 、
        if re.search(r"[，,；;。：:]", after):
            return None
        place = len(re.findall(r"[、和]", after))
        names_text = re.split(r"[，,；;。：:]", lead[:at])[-1]
        names = [n for n in _LIST_SPLIT.split(names_text) if n]
        if len(names) < 2 or place >= len(names):
            return None
        return _metric_before(names[place])


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
    if lead in _VERBISH:
        return None  # a bare verb (新增, 创建) says what was done, not what was counted
    return lead or None


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
    """The figure's role facets, written in FACETS order and joined by "+" ("growth+target")."""
    facets = set()
    if kind in ("percent", "multiple", "fraction"):
        # 其中农村居民收入增长8.8%: a growth figure, whatever part it belongs to; but 提升至107%
        # and 提高到52.1% give the new level, not the change
        growth = None
        for growth in _GROWTH.finditer(clause_lead):
            pass
        if growth and not _TO_LEVEL.match(clause_lead, growth.end()):
            facets.add("growth")
        elif _DIFFERENCE.search(clause_lead):
            facets.add("difference")
        elif _SHARE.search(clause_lead):
            facets.add("share")
        elif kind == "percent" and metric and metric.endswith("率"):
            facets.add("rate")
    if "growth" not in facets and _PART.search(clause_lead):
        facets.add("part")
    if planned or _TARGET_CLAUSE.search(clause_lead):
        facets.add("target")
    if _AVERAGE.search(clause_lead):
        facets.add("average")
    if not facets & {"growth", "share", "rate", "part", "average"} and _TOTAL.search(clause_lead):
        facets.add("total")
    return "+".join(f for f in FACETS if f in facets) or None
