"""The per-draft flow: read -> extract -> figures table -> rules. Used by the CLI and tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.extract import QUANTITY_KINDS, Extraction, read_figures
from checker.rules import Finding, Rule, run_rules_on
from checker.rules.model import Check
from checker.source import Document
from checker.table import checks_frame, figures_frame


@dataclass(frozen=True)
class DocumentReport:
    doc: Document
    extraction: Extraction
    findings: list[Finding]
    notes: list[Note] = field(default_factory=list)
    # every relation the rules recomputed, consistent or not (what the silence means)
    checks: list[Check] = field(default_factory=list)


class Note(str):
    """A note on a draft (what it did not let figcheck check), as text; for a report of one line
    a draft, also its ``kind``, a short ``tag`` for the draft's line and a ``legend`` saying once
    for every draft of that kind what it means. A str, so the JSON contract is unchanged."""

    kind: str
    tag: str
    legend: str

    def __new__(cls, text: str, kind: str = "", tag: str = "", legend: str = "") -> "Note":
        note = super().__new__(cls, text)
        note.kind, note.tag, note.legend = kind, tag or text, legend or text
        return note


_EMPTY = {
    "zh": "稿件为空：没有可检查的数字。",
    "en": "The draft is empty: there are no figures to check.",
}
_EMPTY_TAG = {"zh": "稿件为空", "en": "empty"}
_NO_DATE = {
    "zh": "发布日期未知：{what}；可用 --date YYYY-MM-DD 指定。",
    "en": "Publication date unknown: {what}; give --date YYYY-MM-DD.",
}
_NO_DATE_TAG = {"zh": "日期未知", "en": "date unknown"}
_NO_DATE_BARE = {"zh": "发布日期未知；可用 --date YYYY-MM-DD 指定。",
                 "en": "Publication date unknown; give --date YYYY-MM-DD."}
_NOT_RUN = {"zh": "依赖日期的规则（{rules}）未运行", "en": "the rules that need it ({rules}) did not run"}


_YEAR_FROM_TEXT = {
    "zh": "按稿件所记事件的最晚年份，“今年”“以来”等读作{year}年",
    "en": "今年 and 以来 were read as {year}, the latest year the draft dates its events in",
}
_YEAR_TAG = {"zh": "，“今年”读作{year}年", "en": ", 今年 read as {year}"}
_UNTOLD = {
    "zh": "{n}个数字的{what}无法从稿件确定（没有日期、标题或地区可依），只在本稿件内互相比对，未参与跨稿件比对{hint}。",
    "en": "For {n} figures the draft does not tell {what} (no date, title or region to go by): they were "
          "compared within the draft only, not across articles{hint}.",
}
_UNTOLD_TAG = {"zh": "{n}个数字{what}未定", "en": "{n} {figures} without {what}"}
_UNTOLD_LEGEND = {
    "zh": "{what}未定：稿件没有可依的日期、标题或地区，这些数字只在本稿件内互相比对，未参与跨稿件比对；"
          "可用 --date 指定发布日期。",
    "en": "Without {what}: the draft gives no date, title or region to go by, so those figures "
          "were compared within the draft only, not across articles; --date gives the publication date.",
}
_WHAT = {"zh": {"period": "时期", "scope": "范围", "both": "时期或范围"},
         "en": {"period": "when", "scope": "whose", "both": "when or whose"}}
_WHAT_TAG = {"en": {"period": "a period", "scope": "a scope", "both": "a period or scope"}}
_HINT = {"zh": "；可用 --date 指定发布日期", "en": "; give --date for the publication date"}


def _untold(extraction: Extraction, doc: Document, lang: str) -> Note | None:
    """What the draft did not let figcheck tell: how many named quantities have no period or
    no known scope, and so were compared within the draft only (silence there says nothing of
    other articles)."""
    named = [f for f in extraction.figures if f.kind in QUANTITY_KINDS and f.metric]
    # 过去一年 of an undated draft is a year within it, no year another article can share
    undated = {id(f) for f in named if f.period is None or f.period.kind == "relative"}
    unplaced = {id(f) for f in named if f.scope is None or not f.scope.known}
    no_period, no_scope = len(undated), len(unplaced)
    if not (no_period or no_scope):
        return None
    what = "both" if no_period and no_scope else ("period" if no_period else "scope")
    hint = _HINT[lang] if no_period and doc.published is None else ""
    n = len(undated | unplaced)
    short = (_WHAT_TAG.get(lang) or _WHAT[lang])[what]
    # one legend for every kind of untold: a run of many drafts explains it once
    both = (_WHAT_TAG.get(lang) or _WHAT[lang])["both"]
    return Note(_UNTOLD[lang].format(n=n, what=_WHAT[lang][what], hint=hint), "untold",
                _UNTOLD_TAG[lang].format(n=n, what=short, figures="figure" if n == 1 else "figures"),
                _UNTOLD_LEGEND[lang].format(what=both))


def _no_date(dated: list[str], year: int | None, lang: str) -> Note:
    what = [_NOT_RUN[lang].format(rules=", ".join(dated))] if dated else []
    legend = _NO_DATE[lang].format(what=what[0]) if what else _NO_DATE_BARE[lang]
    if year:
        what.append(_YEAR_FROM_TEXT[lang].format(year=year))
    tag = _NO_DATE_TAG[lang] + (_YEAR_TAG[lang].format(year=year) if year else "")
    return Note(_NO_DATE[lang].format(what=("；" if lang == "zh" else "; ").join(what)), "no_date",
                tag, legend)


def check_document(doc: Document, rules: list[Rule], lang: str = "zh") -> DocumentReport:
    """One draft's figures and findings (see check_documents)."""
    return check_documents([doc], rules, lang)[0]


def check_documents(docs: Iterable[Document], rules: list[Rule],
                    lang: str = "zh") -> list[DocumentReport]:
    """Drafts' figures and findings, checked together: the figures table's contract and each
    rule's declared checks are one pandera validation for all of them, which costs about what
    one draft's does, and more than the draft's extraction."""
    drafts = [(doc, read_figures(doc)) for doc in docs]
    # the stage contract: a broken figure is a bug, not a finding
    figures_frame([f for _, extraction in drafts for f in extraction.figures])
    dated = [r.id for r in rules if r.needs_date]
    reports = []
    checks: list[list[Check]] = [[] for _ in drafts]
    for (doc, extraction), findings, checked in zip(drafts, run_rules_on(drafts, rules, lang, checks), checks):
        notes = []
        if not doc.text.strip():
            # a blank draft: nothing to check, and nothing wrong
            notes.append(Note(_EMPTY[lang], "empty", _EMPTY_TAG[lang]))
        elif doc.published is None and (dated or extraction.year_from_text):
            notes.append(_no_date(dated, extraction.year_from_text, lang))
        untold = _untold(extraction, doc, lang)
        if untold:
            notes.append(untold)
        reports.append(DocumentReport(doc, extraction, findings, notes, checked))
    # the rules' contract with the outputs: one validation for every draft's checks
    checks_frame([c for r in reports for c in r.checks])
    return reports


@dataclass(frozen=True)
class DraftFailure:
    """A draft figcheck itself failed on (a bug): its path and the error, in one line."""

    path: str
    error: str

    def __str__(self) -> str:
        return f"{self.path}: {self.error}"


def check_documents_apart(docs: Iterable[Document], rules: list[Rule],
                          lang: str = "zh") -> list[DocumentReport | DraftFailure]:
    """check_documents, but a draft figcheck fails on costs that draft alone: the batch is
    checked again one draft at a time, and the one that fails is a DraftFailure, so the
    others are still reported (and kept by an ingest). FIGCHECK_DEBUG=1 lets the error through."""
    docs = list(docs)
    try:
        return list(check_documents(docs, rules, lang))
    except Exception:
        if os.environ.get("FIGCHECK_DEBUG"):
            raise
    out: list[DocumentReport | DraftFailure] = []
    for doc in docs:
        try:
            out += check_documents([doc], rules, lang)
        except Exception as err:  # noqa: BLE001 - reported as that draft's failure, exit 3
            out.append(DraftFailure(doc.path, f"{type(err).__name__}: {err}"))
    return out


def check_text(text: str, rules: list[Rule], date: dt.date | None = None, lang: str = "zh",
               path: str = "<text>") -> DocumentReport:
    """Checks a string as if it were a draft (for tests and examples)."""
    return check_document(Document(path=path, text=text, published=date,
                                   date_source="option" if date else "unknown"), rules, lang)
