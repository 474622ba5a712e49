"""figcheck extract: every figure with its value interval and meaning."""

from __future__ import annotations

import argparse
import os
import sys

from checker.cli.common import EXIT_BUG, add_max_bytes, date_arg, keeping_contract, read_all, report_failure
from checker.errors import EXIT_OK, EXIT_USAGE


def register(sub) -> None:
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
    ex.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                    help="publication date, for 今年/去年 and dates without a year "
                         "(default: the draft's dateline, if it has one)")
    ex.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of headings")
    add_max_bytes(ex)
    ex.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.extract import extract

    docs, errors = read_all(args.paths, args.date, args.max_bytes)
    results, failed = [], []
    for doc in docs:
        try:
            results.append((doc.path, extract(doc)))
        except Exception as err:  # noqa: BLE001 - a bug on one draft costs that draft only
            _failed(doc.path, err, failed)
    # the stage contract, for all the drafts' figures at once: a broken figure is a bug, not output
    kept = keeping_contract([figures for _, figures in results],
                            lambda i, err: _failed(results[i][0], err, failed))
    results = [results[i] for i in kept]  # a draft that broke it is named, not printed
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
    return EXIT_BUG if failed else EXIT_USAGE if errors else EXIT_OK


def _failed(path: str, err: Exception, failed: list[str]) -> None:
    if os.environ.get("FIGCHECK_DEBUG"):
        raise err
    report_failure(f"{path}: {type(err).__name__}: {err}", failed)
