"""When a figure holds, read as a reader does: its own time words, else those of its sentence,
else the frame of its paragraph and section, else the draft's own reporting period.

Time words are found once per draft with one pattern built from checker/lang/zh/periods.yaml;
a word that is the base of a comparison (比2020年, 较上年, 去年同期) is not indexed, since it is
not the period of the figure it stands before. The frame comes from the title and lead (a news
article about 2021), the section headings (一、2025年工作回顾; 三、2026年重点工作) and paragraph
leads (五年来, 刚刚过去的2025年, 今年主要预期目标是), as declared in frame.yaml.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from checker.fastscan import finditer, starts_of
from checker.lang import alternation, data
from checker.meaning.period import Period

_P = data("periods")
_F = data("frame")
_CN_NUM = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _small_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    if raw == "十":
        return 10
    if raw.startswith("十"):
        return 10 + _CN_NUM.get(raw[1:], 0)
    if raw.endswith("十"):
        return _CN_NUM.get(raw[0], 0) * 10
    if len(raw) == 1:
        return _CN_NUM.get(raw)
    return None


_YEAR = r"(?:19|20)\d\d"
_NUM = r"[两二三四五六七八九十\d]{1,2}"
_PERIOD = re.compile(
    # a plan period named on its own or with its word, not inside a slogan (建功十四五)
    rf"(?:(?<=“)|(?<![\u4e00-\u9fff]))(?P<plan>{alternation(list(_P['plans']))})(?P<plan_end>”?(?:末|底))?"
    rf"|(?P<plan2>{alternation(list(_P['plans']))})(?=”?(?:{alternation(_P['plan_after'])}))"
    rf"(?P<plan2_end>”?(?:末|底))?"
    # a range of years: "2020年到2025年，工业投资占比从17.9%提升到35.5%", "2021—2025年"
    rf"|(?P<ry1>{_YEAR})年?(?:{alternation(_P['year_range'])})(?P<ry2>{_YEAR})年"
    rf"|(?P<asof>{alternation(_P['asof'])})?(?P<y>{_YEAR})年(?:(?P<since>{alternation(_P['since'])})"
    rf"|(?P<endof>{alternation(_P['end_of'])})|(?P<q>{alternation(list(_P['quarters']))}))?(?!代)"
    rf"|(?P<q2>{alternation(list(_P['quarters']))})"
    rf"|(?P<rb>{alternation(_P['recent_years']['before'])})(?P<rn>{_NUM})年(?:{alternation(_P['recent_years']['after'])})?"
    rf"|(?P<rn2>{_NUM})年(?:{alternation(_P['recent_years']['after'])})"
    rf"|(?P<review>{alternation(_P['review_year'])})"
    rf"|(?P<rel>{alternation(list(_P['relative_years']))})"
    rf"|(?P<now>{alternation(_P['now'])})"
)
# a time word starts a listed word, or is a year or count of years: a numeral before another
# or 年 (2025年, 五年来)
_PERIOD_STARTS = starts_of(
    [*_P["plans"], *_P["asof"], *_P["quarters"], *_P["recent_years"]["before"], *_P["review_year"],
     *_P["relative_years"], *_P["now"]],
    then={c: r"[两二三四五六七八九十\d年]" for c in "0123456789两二三四五六七八九十"})
_BASE_BEFORE = re.compile(rf"(?:{alternation(_P['base_before'])})$")
_BASE_AFTER = re.compile(rf"^”?(?:的)?(?:{alternation(_P['base_after'])})")
_MULTIPLE_BASE_BEFORE = re.compile(_P["base_of_multiple"]["before"])
_MULTIPLE_BASE_AFTER = re.compile(_P["base_of_multiple"]["after"])
_BASE_THEN_FIGURE = re.compile(_P["base_then_figure"])
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_NOT_A_TITLE = re.compile(_F["title"]["not"])
_TARGET_YEAR_BEFORE = re.compile(rf"(?:{alternation(_P['target_year']['before'])})$")
_TARGET_YEAR_AFTER = re.compile(rf"(?:{alternation(_P['target_year']['after'])})")
_SINCE_AFTER = re.compile(rf"(?:{alternation(_P['since'])})")
_THIS_YEAR_LEAD = re.compile(rf"^(?:{alternation(_F['this_year_leads'])})")
_HEADINGS = [(int(h["level"]), re.compile(h["pattern"])) for h in _F["headings"]]
_PLAN_WORDS = re.compile(alternation(_F["plan_words"]))
_LEADS = [(re.compile(rf"^(?:{alternation(lead['words'])})"), lead) for lead in _F["leads"]]
_LEAD_SENTENCES = int(_F["lead_sentences"])
_LEAD_PREFIX = re.compile(rf"^(?:{alternation(_F['lead_prefix'])})")
_SENTENCE_SPLIT = re.compile(r"[。！？!?]")
_YEAR_LEAD = re.compile(rf"^(?:(?:刚刚过去的|过去的)({_YEAR})年|({_YEAR})年(?={alternation(_F['year_lead_after'])}))")
# numbering at the start of a paragraph that is not part of its words: （一）, 一是, 1.
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[是、]|\d+[.、．])\s*"
                        rf"|^\s*(?:{_F['address']})")


@dataclass(frozen=True)
class Frame:
    """What a stretch of a draft refers to when a figure says nothing of its own time."""

    period: Period | None
    plan: bool = False
    # a heading without time words takes the time of what it stands in
    inherit: bool = False


def review_year(published: dt.date) -> int:
    """The year a draft published on this day reports on: the year before, in its first months
    (a work report in February), else the year itself."""
    until = int(_P["review_year_until_month"])
    return published.year - 1 if published.month <= until else published.year


class PeriodIndex:
    """A draft's time words and frames, indexed once; ``period_at`` per figure."""

    def __init__(self, text: str, published: dt.date | None, title: str | None) -> None:
        self.text = text
        self.published = published
        head = _head_frame(text, published)
        found = list(finditer(_PERIOD, _PERIOD_STARTS, text))
        bases = [m for m in found if self._is_base(m)]
        words = [m for m in found if not self._is_base(m)]
        # the year the draft reviews: the year before publication for a report out in the first
        # months, else the publication year; without a date, the year its head says it is about,
        # else the latest year its own events are dated in (said so in the report's notes)
        self.year_from: str | None = "date" if published else None
        if published:
            self.review_year: int | None = review_year(published)
            self.this_year: int | None = published.year
        else:
            closed = head.period is not None and head.period.last is not None
            y = head.period.year_span() if closed else None
            self.review_year = self.this_year = y[1] if y else self._latest_year(words)
            if self.this_year is not None:
                self.year_from = "head" if y else "text"
        if head.period is not None and head.period.last is None:
            # "2019年以来，…" leads the draft: since then, up to the year it is written in
            since = head.period.first.year
            head = Frame(Period.years(since, self.this_year) if (self.this_year or 0) >= since else None)
        if head.period is None and _this_year_lead(text):
            head = Frame(self._written(0))  # "今年以来，市总工会…": the article is about this year
        self.head = head
        pos, ends, vals, leads = [], [], [], []
        sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        for m in words:
            p = self._resolve(m)
            if p is None:
                continue
            s = bisect.bisect_right(sentence_ends, m.start())
            s_start = sentence_ends[s - 1] if s else 0
            pos.append(m.start())
            ends.append(m.end())
            vals.append(p)
            # a range frames its own sentence, not the paragraph's next ones
            leads.append(len(_NUMBERING.sub("", text[s_start:m.start()])) <= 2 and not m.group("ry1"))
        self._pos, self._end, self._val, self._sentence_lead = pos, ends, vals, leads
        # a comparison's base is of its own time: 比2020年的2.1万人次, 是2020年末304家的4倍
        self._base_end = [m.end() for m in bases]
        self._base_val = [self._resolve(m) for m in bases]
        self._frames = self._paragraph_frames()

    # -- the words ---------------------------------------------------------------------------
    def _is_base(self, m: re.Match) -> bool:
        before = self.text[max(0, m.start() - 3):m.start()]
        after = self.text[m.end():m.end() + 4]
        return bool(_BASE_BEFORE.search(before) or _BASE_AFTER.match(after)
                    or (_MULTIPLE_BASE_BEFORE.search(before) and _MULTIPLE_BASE_AFTER.match(self.text[m.end():m.end() + 20])))

    def _latest_year(self, words: list[re.Match]) -> int | None:
        """The latest year an undated draft dates something done in ("2020年5月20日，市总工会…"):
        the draft was written in it or later. Years of a target (到2025年) do not count."""
        years = [int(m.group("y")) for m in words if m.group("y") and not m.group("since")
                 and not _TARGET_YEAR_BEFORE.search(self.text[max(0, m.start() - 4):m.start()])
                 and not _TARGET_YEAR_AFTER.match(self.text, m.end())]
        return max(years, default=None)

    def _resolve(self, m: re.Match) -> Period | None:
        g = m.groupdict()
        plan = g["plan"] or g["plan2"]
        if plan:
            first = int(_P["plans"][plan])
            if g["plan_end"] or g["plan2_end"]:
                return Period.asof(dt.date(first + 4, 12, 31))
            return Period.years(first, first + 4)
        if g["ry1"]:
            y1, y2 = int(g["ry1"]), int(g["ry2"])
            return Period.years(y1, y2) if y1 < y2 else None
        if g["y"]:
            y = int(g["y"])
            if g["since"]:
                # since then up to now: the year of publication (or the one the draft is about)
                end = self.this_year if self.this_year and self.this_year >= y else None
                return Period.years(y, end) if end is not None else Period("span", dt.date(y, 1, 1), None)
            if g["endof"] or g["asof"]:
                return Period.asof(dt.date(y, 12, 31))
            if g["q"]:
                return _quarter(y, g["q"])
            return Period.year(y)
        if g["q2"]:
            return _quarter(self.review_year, g["q2"]) if self.review_year else None
        if g["rn"] or g["rn2"]:
            n = _small_number(g["rn"] or g["rn2"])
            if not n or n > 30:
                return None
            return self._reviewed(-n + 1)
        if g["review"]:
            return self._reviewed(0)
        if g["rel"]:
            return self._written(int(_P["relative_years"][g["rel"]]))
        if g["now"]:
            return Period.asof(self.published)
        return None

    # -- the frames --------------------------------------------------------------------------
    def _paragraph_frames(self) -> tuple[list[int], list[Frame]]:
        """(start offsets, frames) of every paragraph: a heading frames its section until the
        next heading of its level or above, a lead cue its paragraph and the ones after it."""
        starts, frames = [], []
        stack: dict[int, Frame] = {}  # heading level -> frame
        lead: Frame | None = None
        offset = 0
        for line in self.text.splitlines(keepends=True):
            body = line.strip()
            level = next((lv for lv, pat in _HEADINGS if pat.match(line)), None)
            if level is not None:
                stack = {lv: f for lv, f in stack.items() if lv < level}
                if level == 1:
                    lead = None
                stack[level] = self._heading_frame(line, offset)
                if stack[level].period is not None:
                    lead = None
            cue = self._lead_frame(line)
            if cue is not None:
                lead = cue
            if body:
                starts.append(offset)
                frames.append(self._current(stack, lead))
            offset += len(line)
        return starts, frames

    def _heading_frame(self, line: str, offset: int) -> Frame:
        # a heading may run on into its paragraph on one line ("（五）推进新型城镇化。持续…"):
        # only the heading's own words give its section's time and say whether it is a plan
        own = _SENTENCE_SPLIT.split(line, maxsplit=1)[0]
        lo, hi = bisect.bisect_left(self._pos, offset), bisect.bisect_left(self._pos, offset + len(own))
        periods = {str(v): v for v in self._val[lo:hi]}
        plan = bool(_PLAN_WORDS.search(own))
        if len(periods) == 1:
            return Frame(next(iter(periods.values())), plan)
        # several ("2025年和“十四五”时期工作回顾"): the leads below say which; none: inherit
        return Frame(None, plan, inherit=not periods)

    def _lead_frame(self, line: str) -> Frame | None:
        body = _NUMBERING.sub("", line)
        first = True
        for sentence in _SENTENCE_SPLIT.split(body, maxsplit=_LEAD_SENTENCES)[:_LEAD_SENTENCES]:
            sentence = _LEAD_PREFIX.sub("", sentence)
            for pat, lead in _LEADS:
                if pat.match(sentence):
                    return Frame(self._lead_period(lead), bool(lead.get("plan")))
            m = _YEAR_LEAD.match(sentence) if first else None
            if m:
                return Frame(Period.year(int(m.group(1) or m.group(2))), bool(_PLAN_WORDS.search(sentence[:40])))
            first = False
        return None

    def _lead_period(self, lead: dict) -> Period | None:
        kind = lead["period"]
        years = int(lead.get("years", 1))
        if kind == "review_year":
            return self._reviewed(0)
        if kind == "review_span":
            return self._reviewed(-years + 1)
        if kind == "plan_year":
            return self._written(0)
        if kind == "plan_span":
            return self._written(0, years - 1)
        raise ValueError(f"frame.yaml: unknown lead period {kind!r}")

    # an undated draft's 过去一年 and 今年 are years it does not name: known within the draft only
    # (two figures of 过去一年 hold for one year), never the same as another draft's
    def _reviewed(self, first: int) -> Period:
        """The years from ``first`` (0 or less) to the one the draft reviews."""
        if self.review_year is None:
            return Period.relative("R", first, 0)
        return Period.years(self.review_year + first, self.review_year)

    def _written(self, first: int, last: int | None = None) -> Period:
        """Years counted from the one the draft is written in (今年 0, 去年 -1, 明年 1)."""
        last = first if last is None else last
        if self.this_year is None:
            return Period.relative("Y", first, last)
        return Period.years(self.this_year + first, self.this_year + last)

    def _current(self, stack: dict[int, Frame], lead: Frame | None) -> Frame:
        plan = any(f.plan for f in stack.values())
        if lead is not None:
            return Frame(lead.period, lead.plan or plan)
        for level in sorted(stack, reverse=True):
            if not stack[level].inherit:
                return Frame(stack[level].period, plan)
        return Frame(self.head.period, plan or self.head.plan)

    # -- per figure --------------------------------------------------------------------------
    def frame_at(self, pos: int) -> Frame:
        starts, frames = self._frames
        i = bisect.bisect_right(starts, pos) - 1
        return frames[i] if i >= 0 else self.head

    def period_at(self, start: int, sentence_start: int, paragraph_start: int) -> Period | None:
        """The nearest time word before ``start`` in its sentence, else one that leads a sentence
        earlier in its paragraph, else the frame."""
        b = bisect.bisect_right(self._base_end, start) - 1
        if b >= 0 and _BASE_THEN_FIGURE.fullmatch(self.text, self._base_end[b], start):
            return self._base_val[b]
        i = bisect.bisect_right(self._end, start) - 1
        while i >= 0 and self._pos[i] >= paragraph_start:
            if self._pos[i] >= sentence_start or self._sentence_lead[i]:
                return self._val[i]
            i -= 1
        return self.frame_at(start).period


def _quarter(y: int, word: str) -> Period:
    m1, m2 = _P["quarters"][word]
    if (m1, m2) in ((1, 6), (7, 12)):
        return Period.half(y, 1 if m1 == 1 else 2)
    if m2 - m1 == 2:
        return Period.quarter(y, m2 // 3)
    return Period.months(y, m1, m2)


def _this_year_lead(text: str) -> bool:
    """Whether the draft's lead opens with this year ("今年以来，…"): a news article about it."""
    head = text[:int(_F["head_chars"])]
    return any(_THIS_YEAR_LEAD.match(_NUMBERING.sub("", ln.strip())) for ln in head.splitlines())


def _head_frame(text: str, published: dt.date | None) -> Frame:
    """The reporting period a draft's title and lead give: "2021年河南工会工作综述", or a lead
    "2021年，对于河南来说，是极不平凡的一年"."""
    head = text[:int(_F["head_chars"])]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    for ln in lines[:1]:
        if len(ln) > int(_F["title"]["max_chars"]) or _NOT_A_TITLE.search(ln):
            break
        m = re.search(rf"({_YEAR})年", ln)
        if m:
            return Frame(Period.year(int(m.group(1))), bool(_PLAN_WORDS.search(ln)))
    for ln in lines:
        ln = _NUMBERING.sub("", ln)
        m = _YEAR_LEAD.match(ln)
        if m:
            y = int(m.group(1) or m.group(2))
            if _SINCE_AFTER.match(ln, m.end()):
                return Frame(Period("span", dt.date(y, 1, 1), None))  # its end: see PeriodIndex
            return Frame(Period.year(y))
        # a dated draft whose lead says "过去一年": its time comes from the date, not a later year
        if published and any(ln.startswith(w) for lead in _F["leads"] if lead["period"] == "review_year"
                             for w in lead["words"]):
            return Frame(None)
    return Frame(None)
