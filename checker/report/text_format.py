"""Figures as a rich table in the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from checker.extract.figure import Figure
from checker.report.describe import interval

_HEAD = {
    "zh": ("位置", "原文", "类型", "数值", "单位", "指标", "范围", "时间", "角色"),
    "en": ("where", "text", "kind", "value", "unit", "metric", "scope", "period", "role"),
}


def write_figures(docs: Sequence[tuple[str, Sequence[Figure]]], out: TextIO, lang: str = "zh") -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False)
    for path, figures in docs:
        table = Table(title=f"{path}  ({len(figures)})", title_justify="left", expand=False)
        for head in _HEAD[lang]:
            table.add_column(head, overflow="fold")
        for f in figures:
            table.add_row(
                f"{f.line}:{f.column}", f.text.replace("\n", "⏎"), f.kind, interval(f), f.unit or "",
                f.metric or "", str(f.scope or ""), str(f.period or ""), f.role or "",
            )
        console.print(table)
