"""`figcheck rules`: the rule list, and one rule explained from its own definition."""

from __future__ import annotations

from typing import TextIO

from checker.rules.model import Rule

_HEAD = {
    "zh": ("规则", "类型", "级别", "说明"),
    "en": ("rule", "kind", "severity", "what it checks"),
}
_LABELS = {
    "zh": {"why": "为什么", "fail": "会报告", "pass": "不会报告", "source": "定义于", "date": "示例日期"},
    "en": {"why": "why", "fail": "reported", "pass": "not reported", "source": "defined in",
           "date": "example date"},
}


def write_rules(rules: list[Rule], out: TextIO, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*_HEAD[lang])
    for r in sorted(rules, key=lambda r: r.id):
        table.add_row(r.id, r.kind, r.severity, (r.why.get(lang) or "").split("。")[0].split(". ")[0])
    Console(file=out).print(table)


def write_rule(rule: Rule, out: TextIO, lang: str) -> None:
    labels = _LABELS[lang]
    out.write(f"{rule.id}  ({rule.kind}, {rule.severity})\n\n")
    if rule.why:
        out.write(f"{labels['why']}: {rule.why[lang]}\n\n")
    if rule.example_date:
        out.write(f"{labels['date']}: {rule.example_date}\n")
    for key in ("fail", "pass"):
        for text in rule.examples.get(key, []):
            out.write(f"{labels[key]}: {text}\n")
    out.write(f"\n{labels['source']}: {rule.source}\n")
