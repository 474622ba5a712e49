"""The 15 published 2026 government work reports (../shared/corpus/gwr2026): they extract
without error, and since their figures are consistent as published, checking them all together
must report nothing. A finding here is a false alarm: fix its cause, not the sentence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.check import check_document
from checker.extract import read_figures
from checker.ledger.crosscheck import attach_cross_findings
from checker.rules import load_rules
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
    assert doc.published is not None or path.stem.split("_")[1] in ("海南省", "贵州省")


def test_published_reports_give_no_findings() -> None:
    rules = load_rules()
    reports = [check_document(read_document(str(p)), rules) for p in REPORTS]
    attach_cross_findings(reports, rules, "zh", None)
    findings = [f for r in reports for f in r.findings]
    assert len(reports) == 15
    assert not findings, "\n".join(
        f"{f.rule}: {f.message} @ {f.locations[0].path}:{f.locations[0].line}" for f in findings)
