"""figcheck check: the figures against the rules, each discrepancy in the author's words."""

from __future__ import annotations

import argparse
import sys

from checker.cli.common import date_arg, names_arg, read_all
from checker.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError


def register(sub) -> None:
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
    ck.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                    help="publication date (default: the draft's dateline); date rules need it")
    ck.add_argument("--rules", metavar="DIR", help="a folder of rule files that add to or "
                    "override the built-in rules (same id replaces)")
    ck.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                    help="lowest severity that makes the exit status 1 (default: error)")
    ck.add_argument("--lang", choices=("zh", "en"), default="zh",
                    help="language of messages (default: zh)")
    ck.add_argument("--select", type=names_arg, action="extend", metavar="RULE[,RULE]",
                    help="only these rules or groups, comma-separated or repeated "
                    "(e.g. range, date.weekday)")
    ck.add_argument("--ignore", type=names_arg, action="extend", metavar="RULE[,RULE]",
                    help="skip these rules or groups, comma-separated or repeated")
    # -- cross-article (the ledger of published figures) --
    ck.add_argument("--ledger", metavar="FILE", help="compare with the figures of published "
                    "articles in this ledger (default: the default ledger, if it exists)")
    ck.add_argument("--no-ledger", action="store_true", help="compare the drafts only with "
                    "each other, not with the ledger")
    ck.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.check import check_document
    from checker.rules import SEVERITY_RANK, load_rules, select

    rules = select(load_rules(args.rules), args.select, args.ignore)
    known = {r.id.split(".")[0] for r in load_rules(args.rules)} | {r.id for r in load_rules(args.rules)}
    for name in (args.select or []) + (args.ignore or []):
        if name.rstrip(".") not in known:
            raise UserError(f"没有这条规则 (no such rule or group): {name}")
    docs, errors = read_all(args.paths, args.date)
    reports = [check_document(doc, rules, args.lang) for doc in docs]
    # -- cross-article: the drafts among themselves, and against the ledger --
    from checker.ledger.crosscheck import attach_cross_findings

    attach_cross_findings(reports, rules, args.lang, _ledger_path(args))
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


def _ledger_path(args: argparse.Namespace) -> str | None:
    """--ledger FILE, else the default ledger when one has been made; none with --no-ledger."""
    if args.no_ledger:
        return None
    if args.ledger:
        return args.ledger
    from checker.ledger import default_path

    path = default_path()
    return str(path) if path.exists() else None
