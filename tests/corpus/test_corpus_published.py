"""The 15 published 2026 government work reports (../shared/corpus/gwr2026): they extract
without error, and since their figures are consistent as published, checking them all together
must report nothing. A finding here is a false alarm: fix its cause, not the sentence."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from checker.check import check_document
from checker.extract import read_figures
from checker.ledger.crosscheck import attach_cross_findings
from checker.rules import load_rules
from checker.rules.engine import View
from checker.rules.keys import figure_key
from checker.source import read_document
from checker.table import figures_frame

SHARED = Path(os.environ.get("FIGCHECK_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
CORPUS = SHARED / "corpus" / "gwr2026"
REPORTS = sorted(CORPUS.glob("*.txt"))

pytestmark = pytest.mark.skipif(not REPORTS, reason=f"corpus not found at {CORPUS}")


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_report_extracts(path: Path) -> None:
    doc = read_document(str(path))
    extraction = read_figures(doc)
    table = figures_frame(extraction.figures)  # raises ExtractorBug if the contract breaks
    assert len(table) > 100
    for f in extraction.figures:
        assert doc.text[f.start:f.end] == f.text
    assert doc.published is not None  # a dateline, or the line a speech was delivered on


def test_published_reports_give_no_findings() -> None:
    rules = load_rules()
    reports = [check_document(read_document(str(p)), rules) for p in REPORTS]
    attach_cross_findings(reports, rules, "zh", None)
    findings = [f for r in reports for f in r.findings]
    assert len(reports) == 15
    assert not findings, "\n".join(
        f"{f.rule}: {f.message} @ {f.locations[0].path}:{f.locations[0].line}" for f in findings)


def _published(path: Path) -> dt.date:
    meta = {m["file"]: m for m in json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))}
    return dt.date.fromisoformat(meta[path.name]["publish_date"])


def test_each_report_with_its_publication_date_gives_no_findings_and_is_compared() -> None:
    """With their publication dates (two reports carry no dateline), the reports' periods come
    from their frames, so the repeat and cross-article checks compare most quantities: silence
    here means the figures agree, not that they were never compared."""
    rules = load_rules()
    repeat = next(r for r in rules if r.id == "repeat.conflict")
    reports, keyed = [], 0
    for p in REPORTS:
        doc = read_document(str(p), _published(p))
        report = check_document(doc, rules)
        reports.append(report)
        view = View(doc, report.extraction.figures, report.extraction.sentences)
        keyed += sum(figure_key(view, f, repeat.params) is not None for f in report.extraction.figures)
    attach_cross_findings(reports, rules, "zh", None)
    findings = [f for r in reports for f in r.findings]
    assert not findings, "\n".join(
        f"{f.rule}: {f.message} @ {f.locations[0].path}:{f.locations[0].line}" for f in findings)
    # 1,930 of 2,836 quantities keyed when this was written (445 before periods had frames)
    assert keyed >= 1800
