"""Runs of `figcheck check` built in-process for the reporter tests: drafts written to files (so
paths, encodings and HTML sources are real), checked with the built-in rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checker.check import check_document
from checker.report.run import CheckRun
from checker.rules import load_rules, select
from checker.rules.suppress import DIRECTIVE_KIND, DIRECTIVE_RULES, apply_directives
from checker.source import read_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# an error: a rate over 100% (line 2, column 13: "102.1%")
ERROR = "今年以来，全市工会工作稳步推进。\n建会企业集体协商建制率达102.1%。\n"
# only a warning: GRIM (81.3% cannot be a share of 117)
WARNING_ONLY = "受理调解案件117件，调解成功率81.3%。\n"
# only a discrepancy rounding explains (info)
INFO_ONLY = "第一、二、三产业分别占10.2%、41.5%、48.4%。\n"
CLEAN = "全市新建工会组织618个，其中非公企业工会420个。\n"
# one figure stated twice with two values: a finding with two locations
REPEAT = ("目前，全市172个乡镇（街道）全部建立了职工维权服务站。\n"
          "会议指出，全市工会工作稳步推进。\n"
          "截至目前，全市181个乡镇（街道）全部建立了工会组织。\n")


def rules_in_effect(chosen: list[str] | None = None) -> list:
    return select(load_rules() + list(DIRECTIVE_RULES), chosen, None)


def make_run(folder: Path, drafts: dict[str, str | bytes], lang: str = "zh",
             date: dt.date | None = None, chosen: list[str] | None = None,
             errors: list[str] | None = None) -> CheckRun:
    """Writes ``drafts`` (name -> text or bytes) into ``folder`` and checks them; paths in the
    run are as given relative to the current directory when ``folder`` is it."""
    rules = rules_in_effect(chosen)
    engine = [r for r in rules if r.kind != DIRECTIVE_KIND]
    reports = []
    for name, content in drafts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        shown = name if folder.resolve() == Path.cwd().resolve() else str(path)
        reports.append(check_document(read_document(shown, date), engine, lang))
    reports = apply_directives(reports, rules, load_rules() + list(DIRECTIVE_RULES), lang)
    return CheckRun(reports, rules, lang, errors or [])


def seeds_run(lang: str = "zh") -> CheckRun:
    rules = rules_in_effect()
    engine = [r for r in rules if r.kind != DIRECTIVE_KIND]
    reports = [check_document(read_document(str(p.relative_to(ROOT))), engine, lang) for p in SEEDS]
    return CheckRun(reports, rules, lang, [])
