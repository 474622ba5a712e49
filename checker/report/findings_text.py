"""Findings for an editor in the terminal: each discrepancy in the author's own words, the figures
highlighted, severities in colour, a summary at the end."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_WORDS = {
    "zh": {"figures": "个数字", "clean": "未发现问题", "date": "发布日期", "unknown": "未知",
           "summary": "共检查 {docs} 篇稿件、{figs} 个数字，核对了 {checked} 处数字关系：", "none": "没有发现问题。",
           "region": "地区", "refused": "；{n} 个文件无法读取（见上方错误）。",
           "nothing": "没有可检查的稿件：{n} 个文件无法读取（见上方错误）。"},
    "en": {"figures": "figures", "clean": "no findings", "date": "published", "unknown": "unknown",
           "summary": "Checked {docs} {drafts}, {figs} {figures_word}, {checked} {relations} between them: ",
           "none": "no findings.", "region": "region",
           "refused": "; {n} {files} could not be read (see the errors above).",
           "nothing": "Nothing was checked: {n} {files} could not be read (see the errors above)."},
}


def write_check(reports, out: TextIO, lang: str = "zh", errors: list[str] | None = None,
                across: str | None = None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False)
    words, labels = _WORDS[lang], _LABEL[lang]
    total = Counter()
    for report in reports:
        doc = report.doc
        head = Text(doc.path, style="bold")
        region = doc.city or doc.province
        head.append(f"  {words['date']} {doc.published or words['unknown']}", style="dim")
        if region:
            head.append(f"  {words['region']} {region}", style="dim")
        n = len(report.extraction.figures)
        head.append(f"  {n} {words['figures'] if lang == 'zh' else _plural(n, 'figure')}", style="dim")
        lines = [head]
        for note in report.notes:
            lines.append(Text("  ℹ " + note, style="dim"))
        if not report.findings:
            lines.append(Text("  ✓ " + words["clean"], style="green"))
        for f in report.findings:
            total[f.severity] += 1
            line = Text("  ")
            line.append(f"{labels[f.severity]}", style=_STYLE[f.severity])
            line.append(f" [{f.rule}] ", style="dim")
            line.append(f.message)
            lines.append(line)
            lines.extend(_located(loc, f.severity) for loc in f.locations)
        # one print a draft: each print renders and wraps on its own (~0.1 ms), a cost a run
        # of a thousand drafts would pay for every line
        console.print(Text("\n").join([*lines, Text()]))
    refused = len(errors or [])
    if not reports and refused:  # every input refused: no "no findings" line to mislead a CI log
        console.print(Text(words["nothing"].format(n=refused, files=_plural(refused, "file")), style="red"))
        return
    # what was recomputed (consistent or not): silence then says these agree, not that nothing was read
    figs, checked = sum(len(r.extraction.figures) for r in reports), sum(len(r.checks) for r in reports)
    summary = Text(words["summary"].format(
        docs=len(reports), figs=figs, checked=checked, drafts=_plural(len(reports), "draft"),
        figures_word=_plural(figs, "figure"), relations=_plural(checked, "relation")))
    if total:
        summary.append("、".join(f"{labels[s]} {total[s]}" for s in ("error", "warning", "info")
                                 if total[s]) if lang == "zh" else
                       ", ".join(f"{total[s]} {_plural(total[s], labels[s])}" for s in ("error", "warning", "info")
                                 if total[s]))
    else:
        summary.append(words["none"], style="green")
    if refused:
        summary.append(words["refused"].format(n=refused, files=_plural(refused, "file")), style="red")
    if across:
        console.print(Text(across, style="dim"))
    console.print(summary)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _located(loc, severity: str):
    from rich.text import Text

    text = Text(f"    {loc.path}:{loc.line}:{loc.column}  ", style="dim")
    snippet = loc.snippet
    figure = " ".join(loc.text.split())
    at = snippet.find(figure) if figure else -1
    if at < 0:
        text.append(snippet)
    else:
        text.append(snippet[:at])
        text.append(figure, style=f"reverse {_STYLE[severity]}")
        text.append(snippet[at + len(figure):])
    return text


def write_run(run, out: TextIO) -> None:
    """`figcheck check --format text` (checker/report/run.py: one entry point per format)."""
    write_check(run.reports, out, run.lang, list(run.errors), across=_across(run.compared, run.lang))


def _across(compared: dict | None, lang: str) -> str | None:
    """One line saying what the checks across articles compared."""
    if not compared:
        return None
    drafts, ledger = compared["drafts"], compared["ledger"]
    if lang == "zh":
        line = f"跨稿件核对：本次 {drafts} 篇稿件互相比对"
        return line + (f"，并与账本 {ledger}（{compared['ledger_documents']} 篇）比对。" if ledger
                       else "；未使用账本（figcheck ingest 收录已发表稿件）。")
    line = f"Across articles: the {drafts} drafts of this run compared with each other"
    return line + (f" and with the ledger {ledger} ({compared['ledger_documents']} articles)." if ledger
                   else "; no ledger (figcheck ingest adds published articles).")
