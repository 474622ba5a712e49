"""The figcheck command: parses arguments, runs the flow, maps outcomes to exit statuses.

Kept thin: each stage and each output format lives in its own module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

from checker import __version__
from checker.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ExtractorBug, InputError, UserError

EXIT_BUG = 3  # figcheck itself failed; never the author's fault

_DESCRIPTION = """\
figcheck 检查中文报道与工作报告中的数字：部分大于整体、占比之和超过100%、比率超过100%、
日期与星期不符、标题与正文不一、与已发表数字矛盾等，并给出原文片段。

figcheck checks the figures in Chinese-language reports (parts larger than their whole, shares
adding past 100%, rates over 100%, weekdays that do not match dates, headline against body, ...)
and reports each discrepancy with the author's own words.
"""

_EPILOG = """\
examples:
  figcheck check seeds/                      检查稿件中的数字 / check the drafts' figures
  figcheck check draft.txt --date 2021-12-20 --format json
  figcheck rules range.rate                  解释一条规则 / explain a rule
  figcheck extract seeds/                    每个数字及其含义 / every figure with its meaning
  figcheck extract draft.txt --format json   机器可读 / machine-readable (contract: docs/)
  figcheck extract draft.txt --date 2021-12-20
exit status: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期 (not a date, expected YYYY-MM-DD): {text!r}")


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other user error
        self.exit(EXIT_USAGE, f"figcheck: error: {message} (see: figcheck --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="figcheck", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"figcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    ex = sub.add_parser(
        "extract", help="list every figure with its value interval and meaning",
        description="Lists every figure of each draft: the text as written, its kind, its value as "
        "an interval in base units (万/亿 multiplied out), unit, metric (what it counts), scope "
        "(whose), period (when) and role. Directories are searched for .txt and .md files.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="draft files or directories")
    ex.add_argument("--format", choices=("text", "json", "csv"), default="text",
                    help="text: a table per draft (default); json: the versioned contract; csv")
    ex.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                    help="publication date, for 今年/去年 and dates without a year "
                         "(default: the draft's dateline, if it has one)")
    ex.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of headings")
    ex.set_defaults(run=_run_extract)

    ck = sub.add_parser(
        "check", help="check the figures against the rules and report each discrepancy",
        description="Checks each draft's figures against the rules (rules/*.yaml) and reports every "
        "discrepancy with the author's own words. An error is reported only when no reading within "
        "the figures' approximations (余, 近, 超, 约 ...) and rounding agrees.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, input or "
               "rule-file error, 3 internal error",
    )
    ck.add_argument("paths", nargs="+", metavar="PATH", help="draft files or directories")
    ck.add_argument("--format", choices=("text", "json"), default="text",
                    help="text: a report for the terminal (default); json: the versioned contract")
    ck.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                    help="publication date (default: the draft's dateline); date rules need it")
    ck.add_argument("--rules", metavar="DIR", help="a folder of rule files that add to or "
                    "override the built-in rules (same id replaces)")
    ck.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                    help="lowest severity that makes the exit status 1 (default: error)")
    ck.add_argument("--lang", choices=("zh", "en"), default="zh",
                    help="language of messages (default: zh)")
    ck.add_argument("--select", type=_names, action="extend", metavar="RULE[,RULE]",
                    help="only these rules or groups, comma-separated or repeated "
                    "(e.g. range, date.weekday)")
    ck.add_argument("--ignore", type=_names, action="extend", metavar="RULE[,RULE]",
                    help="skip these rules or groups, comma-separated or repeated")
    ck.set_defaults(run=_run_check)

    rl = sub.add_parser("rules", help="list the rules, or explain one",
                        description="Lists the rules; with an ID, explains what it checks, why "
                        "it matters, and a failing and a passing example.")
    rl.add_argument("id", nargs="?", metavar="ID", help="a rule id, e.g. range.rate")
    rl.add_argument("--rules", metavar="DIR", help="also the rules of this folder")
    rl.add_argument("--lang", choices=("zh", "en"), default="zh")
    rl.set_defaults(run=_run_rules)
    return parser


def _read_all(paths: Sequence[str], date: dt.date | None):
    """Documents that could be read, and the errors of those that could not: a missing path or
    an unreadable file is reported on stderr, one line each, and the rest go on."""
    from checker.source import iter_paths, read_document

    docs, errors = [], []

    def report(err: InputError) -> None:
        print(f"figcheck: error: {err}", file=sys.stderr)
        errors.append(str(err))

    files = []
    for given in paths:
        try:
            files.extend(iter_paths([given]))
        except InputError as err:
            report(err)
    for path in dict.fromkeys(files):  # a file reached twice is read once
        try:
            docs.append(read_document(path, date))
        except InputError as err:
            report(err)
    return docs, errors


def _run_extract(args: argparse.Namespace) -> int:
    from checker.extract import extract
    from checker.table import figures_frame

    docs, errors = _read_all(args.paths, args.date)
    results = []
    for doc in docs:
        figures = extract(doc)
        figures_frame(figures)  # the stage contract: a broken figure is a bug, not output
        results.append((doc.path, figures))
    out = sys.stdout
    if args.format == "json":
        from checker.report.json_format import write_figures

        write_figures([f for _, figs in results for f in figs], out)
    elif args.format == "csv":
        from checker.report.csv_format import write_figures

        write_figures([f for _, figs in results for f in figs], out)
    else:
        from checker.report.text_format import write_figures

        write_figures(results, out, args.lang)
    return EXIT_USAGE if errors else EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from checker.check import check_document
    from checker.rules import SEVERITY_RANK, load_rules, select

    rules = select(load_rules(args.rules), args.select, args.ignore)
    known = {r.id.split(".")[0] for r in load_rules(args.rules)} | {r.id for r in load_rules(args.rules)}
    for name in (args.select or []) + (args.ignore or []):
        if name.rstrip(".") not in known:
            raise UserError(f"没有这条规则 (no such rule or group): {name}")
    docs, errors = _read_all(args.paths, args.date)
    reports = [check_document(doc, rules, args.lang) for doc in docs]
    if args.format == "json":
        from checker.report.json_format import write_check

        write_check(reports, sys.stdout, errors)
    else:
        from checker.report.findings_text import write_check

        write_check(reports, sys.stdout, args.lang)
    if errors:
        return EXIT_USAGE
    if args.fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[args.fail_on]
    hit = any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def _run_rules(args: argparse.Namespace) -> int:
    from checker.report.rules_text import write_rule, write_rules
    from checker.rules import load_rules

    rules = load_rules(args.rules)
    if args.id is None:
        write_rules(rules, sys.stdout, args.lang)
        return EXIT_OK
    match = [r for r in rules if r.id == args.id]
    if not match:
        raise UserError(f"没有这条规则 (no such rule): {args.id}; see: figcheck rules")
    write_rule(match[0], sys.stdout, args.lang)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"figcheck: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ExtractorBug as err:
        print(f"figcheck: internal error: {err}", file=sys.stderr)
        return EXIT_BUG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `figcheck extract ... | head`
        return EXIT_OK
    except Exception as err:  # a bug in figcheck: exit 3, never 1 (which means "findings")
        if os.environ.get("FIGCHECK_DEBUG"):
            raise
        print(f"figcheck: internal error: {type(err).__name__}: {err} "
              "(a bug in figcheck; FIGCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_BUG


# Imports that libraries make for features figcheck never uses: pandera loads hypothesis (0.1 s)
# for data synthesis whenever it is installed, and jieba loads pkg_resources (0.05 s) only to open
# its own files, falling back to open(). The command tells Python they are absent.
_UNUSED = ("hypothesis", "pkg_resources")


def _skip_jieba_hmm() -> None:
    """jieba imports its HMM tables (0.03 s) at start-up; figcheck cuts with the dictionary
    only (HMM=False), which never reads them. Only the command does this, never a library user."""
    import types

    sys.modules.setdefault("jieba.finalseg", types.ModuleType("jieba.finalseg"))


def entry() -> None:
    """The console script."""
    for name in _UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    _skip_jieba_hmm()
    sys.exit(main())


if __name__ == "__main__":
    entry()
