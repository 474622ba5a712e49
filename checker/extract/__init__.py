"""Stage 3: every figure of a document, with its value interval and its meaning."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.extract.context import DocumentContext
from checker.extract.figure import FIELD_NAMES, KINDS, QUANTITY_KINDS, ROLES, Figure
from checker.extract.scanner import Scanner
from checker.extract.segment import words
from checker.meaning.change import date_change_ends
from checker.meaning.period import Period, year_for
from checker.normalize import normalize
from checker.source import Document

__all__ = ["FIELD_NAMES", "KINDS", "QUANTITY_KINDS", "Extraction", "Figure", "extract", "read_figures"]

# Kinds whose meaning (metric, role) is worth reading from context; the others are named
# things and times, which only need their place.
_MEANINGFUL = QUANTITY_KINDS | {"number", "duration"}


@dataclass(frozen=True)
class Extraction:
    """A document's figures and its sentences ([start, end) in the original text), numbered as
    ``Figure.sentence``: the rules pair figures within a sentence and quote it."""

    figures: list[Figure]
    sentences: list[tuple[int, int]]
    # an undated draft's year, when it was read from the years its own events are dated in
    # (今年 and 2019年以来 are read against it; the report says so)
    year_from_text: int | None = None


def extract(doc: Document) -> list[Figure]:
    return read_figures(doc).figures


def read_figures(doc: Document) -> Extraction:
    norm = normalize(doc.text)
    raws = Scanner(norm.text).scan()
    ctx = DocumentContext(norm.text, doc.published, doc.province, doc.city, doc.title)
    line_starts = _line_starts(doc.text)
    figures: list[Figure] = []
    prev_end = 0
    prev_metric = None
    frames = []  # the frame period of each figure, for the ends of changes
    for raw in raws:
        start, end = norm.span(raw.start, raw.end)
        line = bisect.bisect_right(line_starts, start)
        sentence, s_start = ctx.sentence_of(raw.start)
        clause, c_start, _ = ctx.clause_of(raw.start)
        period = _own_period(raw.period, doc.published) if raw.period else ctx.period_at(raw.start, s_start)
        metric = role = None
        if raw.kind in _MEANINGFUL:
            meaning = ctx.metric_and_role(raw.start, raw.end, raw.kind, prev_end, period, prev_metric)
            metric, role = meaning.metric, meaning.role
            if metric is None and figures and raw.start - prev_end <= 1 and figures[-1].kind == raw.kind:
                # "帮扶和带动4900余户近1万人": figures side by side count for the same words
                metric = figures[-1].metric
        frame = ctx.periods.frame_at(raw.start).period
        if role and "average" in role and "growth" in role:
            period = _average_span(period, frame)
        scope = ctx.scope_at(raw.start, s_start, c_start) if raw.kind in _MEANINGFUL else None
        figures.append(Figure(
            path=doc.path, start=start, end=end, line=line,
            column=start - line_starts[line - 1] + 1, text=doc.text[start:end],
            kind=raw.kind, value=raw.value, lo=raw.lo, hi=raw.hi, approx=raw.approx,
            precision=raw.precision, unit=raw.unit, metric=metric, scope=scope, period=period,
            role=role, sentence=sentence, clause=clause,
        ))
        frames.append(frame)
        if raw.kind in _MEANINGFUL:
            # a year, date or name before a figure is part of its words (从2020年的, PM2.5浓度)
            prev_end, prev_metric = raw.end, metric
    sentences = [norm.span(s, e) for s, e in ctx.sentence_spans()]
    figures = date_change_ends(figures, doc.text, frames)
    p = ctx.periods
    return Extraction(_continue_parts(figures, doc.text), sentences,
                      p.this_year if p.year_from == "text" else None)


_LIST_BREAK = ("；", ";", "。")
_NOT_ITEMS = frozenset({"ordinal", "year", "date"})


def _continue_parts(figures: list[Figure], text: str) -> list[Figure]:
    """"其中男职工600人，女职工400人": a 其中 list goes on over commas, so later items of the same
    unit are parts too, while they stay parallel to the first (the same head noun: 职工) and until
    a semicolon or the sentence ends the list. "其中A工程43万亩，修复治理草原517万亩" is no list."""
    out = list(figures)
    prev = None
    for i, f in enumerate(out):
        if f.kind in _NOT_ITEMS:
            continue  # 其中第一产业420户、第二产业1230户: the ordinal names the next item
        if prev is not None and prev.plays("part") and _may_be_part(f) and f.sentence == prev.sentence \
                and f.unit == prev.unit and f.kind == prev.kind and _parallel(f, prev) and not any(c in text[prev.end:f.start] for c in _LIST_BREAK):
            out[i] = f = replace(f, role=_with_part(f.role))
        prev = f
    return out


def _may_be_part(f: Figure) -> bool:
    """No role, or only a target's (the list of a plan: 其中男职工…，女职工…)."""
    return f.role is None or set(f.role.split("+")) <= {"target"}


def _with_part(role: str | None) -> str:
    facets = {"part", *(role.split("+") if role else ())}
    return "+".join(r for r in ROLES if r in facets)


def _parallel(f: Figure, prev: Figure) -> bool:
    """Two items of one list name things of one kind: one head noun (男职工, 女职工), or one
    ending where jieba keeps the whole as a word (第一产业, 第二产业)."""
    head = _head(f)
    if head is None:
        return False
    if head == _head(prev):
        return True
    ending = (f.metric or "")[-2:]
    # not people by traits that overlap (女职工会员, 农民工会员): those lists are no partition
    return ending == (prev.metric or "")[-2:] and not ending.endswith(_overlapping_heads())


@lru_cache(maxsize=1)
def _overlapping_heads() -> tuple[str, ...]:
    from checker.lang import data

    return tuple(data("relations")["shares"]["overlap_heads"])


def _head(f: Figure) -> str | None:
    """The last word of a figure's metric: the head of a Chinese noun phrase."""
    return words(f.metric)[-1] if f.metric else None


def _own_period(raw: str, published) -> Period | None:
    """The period a date or year figure names itself: "2021" a year, "2019-2021" a span,
    "????-03-05" a day whose year is the latest not after publication (unknown without one)."""
    if raw.isdigit():
        return Period.year(int(raw))
    if raw[:4].isdigit() and len(raw) == 9 and raw[4] == "-":
        return Period.years(int(raw[:4]), int(raw[5:]))
    y, month, *day = raw.split("-")
    year = int(y) if y.isdigit() else None
    if year is None and published and month:
        year = year_for(int(month), int(day[0]) if day else None, published)
    if day:
        return Period.day(year, int(month), int(day[0]))
    return Period.month(year, int(month))


def _average_span(period: Period | None, frame: Period | None) -> Period | None:
    """An average yearly growth is over years: "到2030年…年均增长5%以上" in a plan for 2026..2030
    is over the plan's span, not the year it ends with."""
    if period is None or frame is None or period.kind != "year" or frame.kind != "span":
        return period
    years = frame.year_span()
    return frame if years and years[0] < years[1] and period.first.year == years[1] else period


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts
