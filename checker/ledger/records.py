"""Turning a checked document into ledger rows: its figures with their keys and readings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from checker.extract import Extraction, Figure
from checker.rules.engine import View, snippet
from checker.rules.keys import Key, figure_key
from checker.rules.model import Rule
from checker.rules.tolerance import reading
from checker.source import Document




def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyedFigure:
    """A figure that has a key, with what a cross-article finding needs to quote it."""

    figure: Figure
    key: Key
    loose: bool
    snippet: str
    published: str | None  # ISO date of its document


def keyed_figures(doc: Document, extraction: Extraction, rule: Rule) -> list[KeyedFigure]:
    view = View(doc, extraction.figures, extraction.sentences)
    out = []
    for f in extraction.figures:
        found = figure_key(view, f, rule.params)
        if found is None:
            continue
        key, loose = found
        if f.period is None or f.period.local:
            continue  # the own period or "now" of an article, or 去年 of an undated one: no other article's
        if f.scope is None or not f.scope.known:
            continue  # whose figure, across articles? (全省 of an article whose province is unknown)
        out.append(KeyedFigure(f, key, loose, snippet(doc, extraction.sentences, f),
                               doc.published.isoformat() if doc.published else None))
    return out


def figure_row(doc_id: str, idx: int, k: KeyedFigure) -> tuple:
    f, key = k.figure, k.key
    r_lo, r_hi = reading(f)
    return (doc_id, idx, f.path, f.start, f.end, f.line, f.column, f.text, f.kind, f.value, f.lo,
            f.hi, r_lo, r_hi, f.approx, f.precision, f.unit, f.metric, key.metric, key.scope,
            key.period, f.role, key.target, key.cumulative, k.loose, key.id, start_key(key),
            k.snippet, k.published)


def start_key(key: Key) -> str | None:
    """For a running total (累计): its key with the end of its period left out ("2019.." or
    ".."), so totals of one start can be followed from article to article."""
    if not key.cumulative:
        return None
    # a total as of an instant (@2021-03-01) runs from a start the text does not give
    start = "" if key.period.startswith("@") else key.period.split("..")[0]
    return replace(key, period=start + "..").id


def entry_for(doc: Document, extraction: Extraction, rules: list[Rule]):
    """The ledger entry of a document: its keyed figures and its rule candidates (the rows the
    rules' declared checks run on, kept for validating the whole ledger)."""
    from checker.ledger.store import Entry
    from checker.rules.engine import candidates_of

    doc_id = content_hash(doc.text)
    cross = next((r for r in rules if r.kind == "cross"), None)
    keyed = keyed_figures(doc, extraction, cross) if cross else []
    view = View(doc, extraction.figures, extraction.sentences)
    candidates = [(doc_id, r.id, c.gap, c.gap_exact)
                  for r in rules if r.kind != "cross" for c in candidates_of(r, view)]
    return Entry(doc_id, doc.path, doc.published, doc.province, doc.city, doc.title,
                 len(doc.text), [figure_row(doc_id, i, k) for i, k in enumerate(keyed)], candidates)
