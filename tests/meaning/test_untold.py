"""A draft that gives no date, title or region: its figures get unknown periods and scopes, not
guesses, and the report says how many could not be compared (silence there checked nothing)."""

from __future__ import annotations

import datetime as dt

from checker.check import check_document, check_text
from checker.rules import load_rules
from checker.source import read_document

RULES = load_rules()


def _untold(report) -> list[str]:
    return [n for n in report.notes if "无法从稿件确定" in n or "does not tell" in n]


def test_a_bare_draft_says_its_figures_were_not_compared() -> None:
    report = check_text("新建工会组织120家，发展会员3000人。", RULES)
    assert {str(f.period) for f in report.extraction.figures} == {"None"}
    [note] = _untold(report)
    assert note.startswith("2个数字的时期或范围") and "--date" in note


def test_english_on_request() -> None:
    [note] = _untold(check_text("新建工会组织120家，发展会员3000人。", RULES, lang="en"))
    assert note.startswith("For 2 figures the draft does not tell when or whose")


def test_a_dated_draft_of_a_region_is_told(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("河南省总工会2025年工作报告\n全省新建工会组织120家，发展会员3000人。", encoding="utf-8")
    report = check_document(read_document(draft, dt.date(2026, 1, 20)), RULES)
    assert all(f.period is not None for f in report.extraction.figures if f.metric)
    assert _untold(report) == []
