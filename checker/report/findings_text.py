"""Findings for an editor in the terminal: each discrepancy in the author's own words, the figures
highlighted, severities in colour, a summary at the end.

A clean draft is one line. In a terminal, lines are broken to its width with continuation lines
indented under their item, never inside a figure (checker/report/layout.py); piped into a CI log,
a pager or a file, nothing is hard-wrapped, so every line can be searched whole.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from checker.report import layout

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_WORDS = {
    "zh": {"figures": "个数字", "clean": "未发现问题", "date": "发布日期",
           "summary": "共检查 {docs} 篇稿件、{figs} 个数字，核对了 {checked} 处数字关系：", "none": "没有发现问题", "stop": "。",
           "region": "地区", "refused": "；{n} 个文件无法读取（见上方错误）",
           "nothing": "没有可检查的稿件：{n} 个文件无法读取（见上方错误）。",
           "legend": "（{n} 篇）", "sep": "、"},
    "en": {"figures": "figures", "clean": "no findings", "date": "published",
           "summary": "Checked {docs} {drafts}, {figs} {figures_word}, {checked} {relations} between them: ",
           "none": "no findings", "stop": ".", "region": "region",
           "refused": "; {n} {files} could not be read (see the errors above)",
           "nothing": "Nothing was checked: {n} {files} could not be read (see the errors above).",
           "legend": " ({n} {drafts})", "sep": ", "},
}
ITEM_INDENT, LOCATION_INDENT = 2, 4  # where an item and a location start; continuations +2


def write_check(run, out: TextIO, quiet: bool = False) -> None:
    from rich.console import Console
    from rich.text import Text

    lang, reports, errors = run.lang, run.reports, list(run.errors)
    console = Console(file=out, highlight=False)
    width = layout.terminal_width(console)
    words, labels = _WORDS[lang], _LABEL[lang]
    total: Counter = Counter()
    legends: dict[str, tuple[str, int]] = {}  # note kind -> (what it means, drafts)
    texts = run.texts
    for report in reports:
        if quiet and not report.findings:
            continue
        lines = [layout.Line(_head(report, words, lang, quiet), ITEM_INDENT)]
        for note in report.notes:
            kind = getattr(note, "kind", "") or str(note)
            legend, n = legends.get(kind, (getattr(note, "legend", str(note)), 0))
            legends[kind] = (legend, n + 1)
        for f in report.findings:
            total[f.severity] += 1
            line = Text(" " * ITEM_INDENT)
            line.append(labels[f.severity], style=_STYLE[f.severity])
            line.append(f" [{f.rule}] ", style="dim")
            at = len(line)
            line.append(f.message)
            lines.append(layout.Line(line, ITEM_INDENT + 2,
                               [(at + s, at + e) for s, e in layout.numbers_in(f.message)]))
            lines.extend(_snippets(f, texts))
        layout.print_lines(console, lines, width, blank=bool(report.findings))
    refused = len(errors)
    if not reports and refused:  # every input refused: no "no findings" line to mislead a CI log
        console.print(Text(words["nothing"].format(n=refused, files=_plural(refused, "file")),
                           style="red"), soft_wrap=True)
        return
    closing = []
    if not quiet:
        for legend, n in legends.values():
            head, colon, rest = legend.partition("：" if lang == "zh" else ": ")
            count = words["legend"].format(n=n, drafts=_plural(n, "draft"))
            closing.append(layout.Line(Text(f"ℹ {head}{count}{colon}{rest}" if colon else
                                      f"ℹ {legend}{count}", style="dim"), 2))
        across = _across(run.compared, lang)
        if across:
            closing.append(layout.Line(Text(across, style="dim"), 2))
    closing.append(layout.Line(_summary(run, total, words, labels, refused), 2))
    layout.print_lines(console, closing, width)


def _head(report, words: dict, lang: str, quiet: bool):
    """The draft's line: path, date, region, figures; for a clean draft also the verdict, and
    the notes as short tags (explained once at the end)."""
    from rich.text import Text

    doc = report.doc
    head = Text(doc.path, style="bold")
    if doc.published:  # an unknown date is said by its note's tag
        head.append(f"  {words['date']} {doc.published}", style="dim")
    region = doc.city or doc.province
    if region:
        head.append(f"  {words['region']} {region}", style="dim")
    n = len(report.extraction.figures)
    head.append(f"  {n} {words['figures'] if lang == 'zh' else _plural(n, 'figure')}", style="dim")
    if not report.findings:
        head.append("  ✓ " + words["clean"], style="green")
    if report.notes and not quiet:
        head.append("  ℹ " + words["sep"].join(getattr(n, "tag", str(n)) for n in report.notes),
                    style="dim")
    return head


def _snippets(finding, texts: dict[str, str]) -> list[layout.Line]:
    """One quoted snippet a sentence, with every figure of the finding in it marked."""
    groups: dict[tuple, list] = {}
    for loc in finding.locations:
        text = texts.get(loc.path)
        if text is None or not (0 <= loc.start <= loc.end <= len(text)):
            groups.setdefault(("stored", id(loc)), [loc])  # a ledger's article: its own snippet
            continue
        groups.setdefault((loc.path, layout.sentence_span(text, loc.start, loc.end)), []).append(loc)
    return [_quoted(key, locs, texts, finding.severity) for key, locs in groups.items()]


def _quoted(key: tuple, locs: list, texts: dict[str, str], severity: str) -> layout.Line:
    from rich.text import Text

    first = min(locs, key=lambda loc: loc.start)
    line = Text(" " * LOCATION_INDENT + f"{first.path}:{first.line}:{first.column}  ", style="dim")
    at = len(line)
    style = f"reverse {_STYLE[severity]}"
    if key[0] == "stored":
        snippet = first.snippet
        figure = " ".join(first.text.split())
        found = snippet.find(figure) if figure else -1
        line.append(snippet)
        keep = [(at + found, at + found + len(figure))] if found >= 0 else []
        for s, e in keep:
            line.stylize(style, s, e)
        return layout.Line(line, LOCATION_INDENT + 2, keep)
    text = texts[first.path]
    marks = sorted({(loc.start, loc.end) for loc in locs})
    start, end, cut_before, cut_after = layout.cut(text, key[1], marks)
    if cut_before:
        line.append(layout.ELLIPSIS, style="dim")
    offset = len(line) - start
    # a line break inside a figure ("102.1\n%") or a tab is shown as a space, keeping offsets
    line.append(text[start:end].replace("\n", " ").replace("\t", " "))
    if cut_after:
        line.append(layout.ELLIPSIS, style="dim")
    keep = [(s + offset, e + offset) for s, e in marks]
    for s, e in keep:
        line.stylize(style, s, e)
    return layout.Line(line, LOCATION_INDENT + 2, keep)


def _summary(run, total: Counter, words: dict, labels: dict, refused: int):
    """What was recomputed (consistent or not): silence then says these agree, not that nothing
    was read."""
    from rich.text import Text

    lang, reports = run.lang, run.reports
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
    summary.append(words["stop"])
    return summary


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def write_run(run, out: TextIO) -> None:
    """`figcheck check --format text` (checker/report/run.py: one entry point per format)."""
    write_check(run, out, quiet=getattr(run, "quiet", False))


def _across(compared: dict | None, lang: str) -> str | None:
    """One line saying what the checks across articles compared."""
    if not compared:
        return None
    drafts, ledger, changed = compared["drafts"], compared["ledger"], compared.get("changed")
    if lang == "zh":
        line = ("跨稿件核对：本次只有 1 篇稿件" if drafts == 1 and changed is None else
                f"跨稿件核对：本次 {drafts} 篇稿件互相比对" if changed is None else
                f"跨稿件核对：改动的 {changed} 篇稿件与所给路径下的全部 {drafts} 篇稿件比对")
        if compared.get("ledger_busy"):
            return line + f"；账本 {compared['ledger_busy']} 正被另一个进程写入，本次未与账本比对。"
        return line + (f"，并与账本 {ledger}（{compared['ledger_documents']} 篇）比对。" if ledger
                       else "；未使用账本（figcheck ingest 收录已发表稿件）。")
    line = ("Across articles: one draft in this run" if drafts == 1 and changed is None else
            f"Across articles: the {drafts} drafts of this run compared with each other"
            if changed is None else
            f"Across articles: the {changed} changed {_plural(changed, 'draft')} compared with all "
            f"{drafts} {_plural(drafts, 'draft')} under the given paths")
    if compared.get("ledger_busy"):
        return line + (f"; the ledger {compared['ledger_busy']} is being written by another process, "
                       "so it was not compared this time.")
    return line + (f" and with the ledger {ledger} ({compared['ledger_documents']} articles)." if ledger
                   else "; no ledger (figcheck ingest adds published articles).")
