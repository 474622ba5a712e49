"""Every rule's named cases (tests/rules/cases/<rule id>.yaml): a fail_str is reported by that
rule, a pass_str by no rule at all. ``pytest -k range.rate`` runs one rule's cases."""

from __future__ import annotations

import pytest

from checker.ledger.crosscheck import check_articles
from checker.rules import load_rules
from rule_case_files import RuleCase, all_cases

CASES = all_cases()


def _param(case: RuleCase):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _describe(findings) -> str:
    return "\n".join(f"  [{f.rule} {f.severity}] {f.message}" for f in findings) or "  (none)"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_rule_case(case: RuleCase, rules) -> None:
    assert case.rule in {r.id for r in rules}, f"no rule {case.rule} for its case file"
    # one article, or several separated by ↔ (cross-article rules)
    findings = check_articles(case.text, rules, date=case.date)
    if case.fails:
        mine = [f for f in findings if f.rule == case.rule]
        assert mine, f"{case.rule} did not report:\n{case.text}\nfindings:\n{_describe(findings)}"
        if case.message_contains:
            assert any(case.message_contains in f.message for f in mine), _describe(mine)
        if case.severity:
            assert {f.severity for f in mine} == {case.severity}, _describe(mine)
        if "↔" not in case.text:
            for f in mine:
                for loc in f.locations:  # every location quotes the author's own text
                    assert case.text[loc.start:loc.end] == loc.text
    else:
        assert not findings, f"false alarm on:\n{case.text}\n{_describe(findings)}"
