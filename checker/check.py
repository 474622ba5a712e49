"""The per-draft flow: read -> extract -> figures table -> rules. Used by the CLI and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from checker.extract import Extraction, read_figures
from checker.rules import Finding, Rule, run_rules
from checker.source import Document
from checker.table import figures_frame


@dataclass(frozen=True)
class DocumentReport:
    doc: Document
    extraction: Extraction
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)


_NO_DATE = {
    "zh": "发布日期未知：依赖日期的规则（{rules}）未运行；可用 --date YYYY-MM-DD 指定。",
    "en": "Publication date unknown: the rules that need it ({rules}) did not run; give --date YYYY-MM-DD.",
}


def check_document(doc: Document, rules: list[Rule], lang: str = "zh",
                   validate: bool = True) -> DocumentReport:
    """The draft's figures and findings. ``validate=False`` leaves the figures table's contract
    to the caller, which must check it (figures_frame) before it reports anything: the command
    checks the figures of all its drafts in one validation, not one per draft."""
    extraction = read_figures(doc)
    if validate:  # the stage contract: a broken figure is a bug, not a finding
        figures_frame(extraction.figures)
    findings = run_rules(doc, extraction, rules, lang)
    notes = []
    dated = [r.id for r in rules if r.needs_date]
    if doc.published is None and dated:
        notes.append(_NO_DATE[lang].format(rules=", ".join(dated)))
    return DocumentReport(doc, extraction, findings, notes)


def check_text(text: str, rules: list[Rule], date: dt.date | None = None, lang: str = "zh",
               path: str = "<text>") -> DocumentReport:
    """Checks a string as if it were a draft (for tests and examples)."""
    return check_document(Document(path=path, text=text, published=date,
                                   date_source="option" if date else "unknown"), rules, lang)
