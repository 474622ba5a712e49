"""`figcheck rules`: the rule list, and one rule explained from its own definition."""

from __future__ import annotations

from typing import TextIO

from checker.rules.model import Rule

_LABELS = {
    "zh": {"why": "为什么", "fail": "会报告", "pass": "不会报告", "source": "定义于", "date": "示例日期"},
    "en": {"why": "why", "fail": "reported", "pass": "not reported", "source": "defined in",
           "date": "example date"},
}


def write_rules(rules: list[Rule], out: TextIO, lang: str) -> None:
    """A rule a line (id, kind, severity), and under it the first sentence of why it exists,
    broken to the terminal's width: a table's last column would cut Chinese to a dozen
    characters at 80 columns."""
    from rich.console import Console
    from rich.text import Text

    from checker.report.layout import Line, print_lines, terminal_width

    console = Console(file=out, highlight=False)
    ordered = sorted(rules, key=lambda r: r.id)
    pad = max((len(r.id) for r in ordered), default=0)
    lines = []
    for r in ordered:
        head = Text(r.id.ljust(pad), style="bold")
        head.append(f"  {r.kind}  {r.severity}", style="dim")
        lines.append(Line(head, 4))
        why = (r.why.get(lang) or "").split("。")[0].split(". ")[0].strip().rstrip("。.")
        if why:
            lines.append(Line(Text("    " + why + ("。" if lang == "zh" else ".")), 4))
    print_lines(console, lines, terminal_width(console))


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
