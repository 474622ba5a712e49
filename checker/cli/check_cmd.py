"""figcheck check: the figures against the rules, each discrepancy in the author's words.

The flow of one run: configuration (figcheck.toml / pyproject.toml, overridden by the command
line) -> rules selected, severities set -> drafts (optionally only those changed since a git
revision) -> each checked -> cross-article findings (the ledger) -> the drafts' own suppression
directives -> the baseline -> one report in the chosen format -> the exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path

from checker.cli.common import (EXIT_BUG, add_max_bytes, date_arg, draft_files, iter_documents,
                                names_arg, report_failure)
from checker.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError

FORMAT_HELP = ("text: a report for the terminal (default); concise: one line a finding, "
               "path:line:col: severity rule message; json: the versioned contract "
               "(docs/check-output.schema.json); sarif: SARIF 2.1.0 for code scanning; junit: "
               "JUnit XML; github: GitHub Actions annotations; html: one self-contained page "
               "(written to reports/ unless --output says otherwise); docx: a copy of each Word "
               "draft with a comment on each finding's figures (--output: the file, or a folder "
               "for several drafts)")
PROGRESS_MIN_FILES = 4  # a progress bar only when a run is long enough to wonder about
DRAFTS_A_BATCH = 64  # drafts checked together: one pandera validation each for all of them
HTML_DEFAULT = "reports/figcheck-{now:%Y%m%d-%H%M%S}.html"


def register(sub) -> None:
    from checker.config import FAIL_ON, FORMATS, LANGS

    ck = sub.add_parser(
        "check", help="check the figures against the rules and report each discrepancy",
        description="Checks each draft's figures against the rules (rules/*.yaml) and reports every "
        "discrepancy with the author's own words. An error is reported only when no reading within "
        "the figures' approximations (余, 近, 超, 约 ...) and rounding agrees. Settings come from "
        "figcheck.toml or [tool.figcheck] in pyproject.toml (nearest to the current directory); "
        "the command line overrides them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="suppression: <!-- figcheck: ignore RULE[,RULE] --> on a figure's line or the line "
               "before; <!-- figcheck: ignore-file RULE --> for the whole draft\n"
               "exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, configuration, "
               "input or rule-file error, 3 internal error",
    )
    ck.add_argument("paths", nargs="+", metavar="PATH", help="draft files or directories")
    ck.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    ck.add_argument("--quiet", "-q", action="store_true",
                    help="text format: only the findings and the summary (no clean drafts, notes "
                    "or what was compared)")
    ck.add_argument("--output", "-o", metavar="FILE",
                    help="write the report to FILE instead of standard output")
    ck.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                    help="publication date (default: the draft's dateline); date rules need it")
    ck.add_argument("--rules", metavar="DIR", help="a folder of rule files that add to or "
                    "override the built-in rules (same id replaces)")
    ck.add_argument("--fail-on", choices=FAIL_ON, default=None,
                    help="lowest severity that makes the exit status 1 (default: error)")
    ck.add_argument("--lang", choices=LANGS, default=None,
                    help="language of messages (default: zh)")
    ck.add_argument("--select", type=names_arg, action="extend", metavar="RULE[,RULE]",
                    help="only these rules or groups, comma-separated or repeated "
                    "(e.g. range, date.weekday)")
    ck.add_argument("--ignore", type=names_arg, action="extend", metavar="RULE[,RULE]",
                    help="skip these rules or groups, comma-separated or repeated")
    ck.add_argument("--config", metavar="FILE", help="read settings from this figcheck.toml or "
                    "pyproject.toml instead of looking for one")
    ck.add_argument("--no-config", action="store_true", help="ignore configuration files")
    baseline = ck.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE",
                          help="report only findings that this baseline file does not record")
    baseline.add_argument("--write-baseline", metavar="FILE",
                          help="record today's findings in FILE (JSON) and exit 0")
    ck.add_argument("--changed-since", metavar="REF", help="report only the drafts (under the "
                    "given paths) that git reports changed since REF, untracked ones included; "
                    "they are still compared with every other draft under the paths and the "
                    "ledger, and a conflict with an unchanged draft is reported on the changed one")
    # -- cross-article (the ledger of published figures) --
    ck.add_argument("--ledger", metavar="FILE|DIR", help="compare with the figures of published "
                    "articles in this ledger (default: the default ledger, if it exists)")
    ck.add_argument("--no-ledger", action="store_true", help="compare the drafts only with "
                    "each other, not with the ledger")
    add_max_bytes(ck)
    ck.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                    help="check drafts on N processes (0: one per core; default 1)")
    ck.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.config import discover
    from checker.report.run import CheckRun
    from checker.rules import SEVERITY_RANK, load_rules, select
    from checker.rules.suppress import DIRECTIVE_KIND, DIRECTIVE_RULES, apply_directives

    config = discover(args.config, not args.no_config)
    fmt = args.format or config.format or "text"
    lang = args.lang or config.lang or "zh"
    fail_on = args.fail_on or config.fail_on or "error"
    all_rules = load_rules(args.rules or config.rules) + list(DIRECTIVE_RULES)
    chosen = _names(args.select, config.select, "select", all_rules, config)
    ignored = _names(args.ignore, config.ignore, "ignore", all_rules, config)
    rules = _with_severities(select(all_rules, chosen, ignored), config, all_rules)
    engine_rules = [r for r in rules if r.kind != DIRECTIVE_KIND]
    known = None
    if args.baseline:  # a bad baseline is a usage error: say so before the drafts are read
        from checker.rules.baseline import load_baseline

        known = load_baseline(args.baseline)

    errors: list[str] = []
    files = draft_files(args.paths, errors)
    changed: set[str] | None = None  # with --changed-since: the paths of the drafts reported
    if args.changed_since:
        from checker.changed import only_changed

        changed_files = only_changed(files, args.changed_since)
        if not changed_files and not errors:
            print(f"figcheck: 自 {args.changed_since} 以来没有改动的稿件 "
                  f"(no drafts changed since {args.changed_since})", file=sys.stderr)
            files = []
        changed = {str(f) for f in changed_files}
    max_bytes = args.max_bytes or config.max_bytes
    reports: list = []
    failed: list[str] = []  # drafts figcheck itself failed on: named, the others still reported
    if args.jobs > 1 and len(files) > 1:
        from checker.cli.common import report_error
        from checker.parallel import check_files

        for item in _progress(check_files(files, engine_rules, lang, args.date, max_bytes,
                                          args.jobs), len(files)):
            if isinstance(item, str):
                report_error(item, errors)
            else:
                _keep([item], reports, failed)
    else:  # imported here: with --jobs the workers start while this process imports it
        from checker.check import check_documents_apart

        docs = iter_documents(args.paths, args.date, errors, files=files, max_bytes=max_bytes)
        batch = []
        for doc in _progress(docs, len(files)):
            batch.append(doc)
            if len(batch) == DRAFTS_A_BATCH:
                _keep(check_documents_apart(batch, engine_rules, lang), reports, failed)
                batch = []
        _keep(check_documents_apart(batch, engine_rules, lang), reports, failed)

    # -- cross-article: the drafts among themselves, and against the ledger --
    from checker.ledger.crosscheck import attach_cross_findings

    compared = attach_cross_findings(reports, engine_rules, lang, _ledger_path(args, config.ledger),
                                     first=changed)
    if changed is not None:
        from checker.changed import keep_changed

        reports = keep_changed(reports, changed)
        compared["changed"] = len(reports)
    # -- end of cross-article --

    reports = apply_directives(reports, rules, all_rules, lang)
    if args.write_baseline:
        from checker.rules.baseline import write_baseline

        count = write_baseline(reports, args.write_baseline)
        print(f"figcheck: 基线已写入 {args.write_baseline}，共 {count} 处问题 "
              f"(baseline written: {count} findings)", file=sys.stderr)
        return EXIT_USAGE if errors else EXIT_OK
    if known is not None:
        from checker.rules.baseline import new_findings

        reports = new_findings(reports, *known, lang=lang)
    _write(CheckRun(reports, rules, lang, errors + failed, fail_on, compared, quiet=args.quiet),
           fmt, args.output)
    if failed:
        return EXIT_BUG
    if errors:
        return EXIT_USAGE
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    hit = any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def _names(given: list[str] | None, configured: list[str] | None, key: str, rules,
           config) -> list[str] | None:
    """--select/--ignore, else the configuration's; every name must be a rule id or group."""
    from checker.rules.suppress import known_names

    names = given if given is not None else configured
    known = known_names(rules)
    for name in names or []:
        if name.rstrip(".") not in known:
            where = "" if given is not None else f"{config.where(key)}: "
            raise UserError(f"{where}没有这条规则 (no such rule or group): {name}")
    return names


def _with_severities(rules, config, all_rules):
    """The rules with the configuration's severities: the most specific name wins
    (``range.rate`` over ``range``)."""
    from checker.rules.suppress import known_names

    if not config.severity:
        return rules
    known = known_names(all_rules)
    for name in config.severity:
        if name not in known:
            raise UserError(f"{config.where('severity')}.{name}: 没有这条规则 "
                            f"(no such rule or group)")
    out = []
    for rule in rules:
        match = [n for n in config.severity if rule.id == n or rule.id.startswith(n + ".")]
        if match:
            rule = replace(rule, severity=config.severity[max(match, key=len)])
        out.append(rule)
    return out


def show_progress(count: int, stream=None) -> bool:
    """A progress bar on standard error: for runs over a few files, and only on a terminal, so
    never in CI logs or a pipe (no report format writes to standard error, so none is spoilt)."""
    stream = stream or sys.stderr
    if count < PROGRESS_MIN_FILES or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _progress(docs, total: int):
    if not show_progress(total):
        yield from docs
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("检查稿件 checking"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        for doc in docs:
            yield doc
            bar.advance(task)


def _keep(items, reports: list, failed: list[str]) -> None:
    """Reports kept; a draft figcheck failed on named on stderr and in the report's errors."""
    from checker.check import DraftFailure

    for item in items:
        if isinstance(item, DraftFailure):
            report_failure(f"{item.path}: 内部错误 (internal error): {item.error}", failed)
        else:
            reports.append(item)


def _write(run, fmt: str, output: str | None) -> None:
    import importlib

    from checker.report.run import FORMATS

    writer = importlib.import_module(FORMATS[fmt])
    if fmt == "docx":  # a commented copy of each Word draft, not a report
        for report, target in writer.plan_copies(run, output):
            print(writer.summary(target, writer.write_copy(report, target, run.lang)),
                  file=sys.stderr)
        return
    if output is None and fmt == "html":
        output = HTML_DEFAULT.format(now=dt.datetime.now())
    if output is None:
        writer.write_run(run, sys.stdout)
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            writer.write_run(run, out)
    except OSError as err:
        raise UserError(f"{output}: 无法写入报告 (cannot write the report): {err.strerror or err}") \
            from None
    if fmt == "html":
        print(f"figcheck: 报告已写入 (report written to) {path}", file=sys.stderr)


def _ledger_path(args: argparse.Namespace, configured: str | None = None) -> str | None:
    """--ledger FILE, else the configuration's ledger, else the default ledger when one has
    been made; none with --no-ledger."""
    if args.no_ledger:
        return None
    if args.ledger or configured:
        return args.ledger or configured
    from checker.ledger import default_path

    path = default_path()
    return str(path) if path.exists() else None


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"须为非负整数 (a whole number, 0 for every core): {text!r}")
    if n == 0:
        from checker.parallel import default_jobs

        return default_jobs()
    return n
