"""figcheck ingest and figcheck ledger: the ledger of published figures."""

from __future__ import annotations

import argparse
import json
import os
import sys

from checker.cli.common import (EXIT_BUG, add_max_bytes, date_arg, draft_files, iter_documents,
                                keeping_contract, report_failure)
from checker.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError

_BATCH = 200  # documents per transaction: a killed run loses at most the batch being written


def register(sub) -> None:
    ing = sub.add_parser(
        "ingest", help="add published articles to the ledger",
        description="Adds articles to the ledger of published figures (a DuckDB file, or a "
        "Parquet folder both engines share: docs/ledger-layout.md). Re-ingesting a "
        "file replaces its figures (documents are keyed by the hash of their text), so ingest "
        "is safe to repeat. Each batch is one transaction: an interrupted run keeps what it "
        "committed and nothing half-written.")
    ing.add_argument("paths", nargs="+", metavar="PATH",
                     help="article files or directories; with --engine spark also any URI Spark "
                          "reads (hdfs://, s3a://) and tables of documents (.parquet, .jsonl)")
    ing.add_argument("--ledger", metavar="FILE|DIR", help="the ledger: a DuckDB file, or a folder "
                     "(an existing one, or a path ending in /) for the Parquet layout both engines "
                     "share (default: $FIGCHECK_LEDGER or ledger.duckdb in figcheck's cache "
                     "directory; with --engine spark, the folder ledger/ there)")
    ing.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                     help="publication date for articles without a dateline")
    ing.add_argument("--engine", choices=("embedded", "spark"), default="embedded",
                     help="embedded (default): this process; spark: Spark, on the master that "
                          "spark-submit, $SPARK_MASTER or spark-defaults.conf gives, else in this "
                          "process; it writes a Parquet ledger (pip install 'figcheck[spark]')")
    ing.add_argument("--input-format", choices=("auto", "files", "parquet", "jsonl"),
                     default="auto", help="--engine spark: what PATH holds. files: articles "
                     "(.txt .md .docx .html); parquet, jsonl: a table of documents with columns "
                     "id and text, and optionally published, province, city, region. auto "
                     "(default): by the suffix")
    ing.add_argument("--format", choices=("text", "json"), default="text")
    add_max_bytes(ing)
    ing.set_defaults(run=run_ingest)

    led = sub.add_parser("ledger", help="what the ledger holds, its conflicts, its validation",
                         description="Reports on the ledger of published figures.")
    led.add_argument("action", choices=("stats", "conflicts", "validate", "export", "import"),
                     help="stats: what it holds; conflicts: figures of one key that disagree "
                          "across articles, and running totals that fell; validate: the rules' "
                          "checks over the whole ledger with Great Expectations; export DIR: the "
                          "DuckDB ledger into the Parquet layout at DIR; import DIR: the Parquet "
                          "ledger at DIR into the DuckDB ledger (each document replaces its "
                          "earlier versions, by text or by path)")
    led.add_argument("folder", nargs="?", metavar="DIR",
                     help="export and import: the Parquet ledger's folder")
    led.add_argument("--ledger", metavar="FILE|DIR",
                     help="the ledger, a DuckDB file or a Parquet folder (default as for ingest)")
    led.add_argument("--engine", choices=("embedded", "spark"), default="embedded",
                     help="conflicts: spark searches a Parquet ledger on Spark SQL and writes "
                          "the result under its results/ folder; validate: spark runs the same "
                          "expectations on a Parquet ledger through Great Expectations' Spark "
                          "datasource (same counts; the failing documents named are among the "
                          "first failing rows Spark returns)")
    led.add_argument("--rules", metavar="DIR", help="validate only: a folder of rule files that "
                     "add to or override the built-in rules (same id replaces)")
    led.add_argument("--suite", metavar="FILE.json", help="validate only: also save the "
                     "expectation suites the validation runs (one per rule, one per table) as "
                     "one JSON list of suites in Great Expectations' own form; load each into a "
                     "GX 1.x project with context.suites.add(gx.ExpectationSuite(**suite)). They "
                     "validate one batch: the ledger's tables stacked in one frame, told apart by "
                     "a column `table`; each suite's meta.figcheck holds the query giving each "
                     "table's rows")
    led.add_argument("--data-docs", metavar="DIR", help="validate only: also write Great "
                     "Expectations' Data Docs of this validation (static HTML, DIR/index.html) "
                     "into DIR; the pages fetch their styles, scripts and logo from the internet "
                     "when opened")
    led.add_argument("--format", choices=("text", "json"), default="text")
    led.set_defaults(run=run_ledger)


def _path(args) -> str:
    from checker.ledger import default_path

    if args.ledger:
        return args.ledger
    if getattr(args, "engine", "embedded") == "spark":
        from checker.extract.segment import cache_dir

        return str(cache_dir() / "ledger") + "/"
    return str(default_path())


def run_ingest(args: argparse.Namespace) -> int:
    from checker.rules import load_rules

    rules = load_rules()
    if args.engine == "spark":
        from checker.ledger.spark import ingest_spark

        summary = ingest_spark(args.paths, _path(args), rules, args.date,
                               input_format=args.input_format, max_bytes=args.max_bytes)
        errors: list[str] = summary["errors"]
        failed: list[str] = []
    else:
        if args.input_format not in ("auto", "files"):
            raise UserError("--input-format parquet/jsonl 需要 --engine spark "
                            "(a table of documents is read by --engine spark)")
        summary, errors, failed = _ingest_embedded(args, rules)
    if args.format == "json":
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"{summary['ledger']}: +{summary['documents']} 篇稿件 (articles), "
              f"{summary['figures']} 个可比数字 (comparable figures); "
              f"账本共 {summary['total_documents']} 篇 (ledger total)")
    return EXIT_BUG if failed else EXIT_USAGE if errors else EXIT_OK


def _ingest_embedded(args, rules) -> tuple[dict, list[str]]:
    from checker.extract import read_figures
    from checker.ledger import Ledger
    from checker.ledger.records import entry_for

    errors: list[str] = []
    files = draft_files(args.paths, errors)
    written = figures = 0
    failed: list[str] = []

    def commit(batch, extracted) -> int:
        # the stage contract holds for ingest too, checked once a batch: a pandera validation
        # costs about as much for one document as for two hundred
        kept = keeping_contract(extracted, lambda i, err: _failed(batch[i].path, err, failed))
        return ledger.write([batch[i] for i in kept])

    with Ledger(_path(args)) as ledger:
        batch, extracted = [], []
        for doc in iter_documents(args.paths, args.date, errors, _progress(files), args.max_bytes):
            if not doc.text.strip():
                # a blank file is no published article: named, not kept (nor an error)
                print(f"figcheck: {doc.path}: 稿件为空，未收录 (empty, not ingested)", file=sys.stderr)
                continue
            try:
                extraction = read_figures(doc)
                entry = entry_for(doc, extraction, rules)
            except Exception as err:  # noqa: BLE001 - a bug on one document costs that one only
                if os.environ.get("FIGCHECK_DEBUG"):
                    raise
                _failed(doc.path, err, failed)
                continue
            batch.append(entry)
            extracted.append(extraction.figures)
            figures += len(entry.figures)
            if len(batch) >= _BATCH:
                written += commit(batch, extracted)
                batch, extracted = [], []
        written += commit(batch, extracted)
        total = ledger.stats()["documents"]
    return {"ledger": _path(args), "documents": written, "figures": figures,
            "total_documents": total, "errors": errors + failed}, errors, failed


def _failed(path: str, err: Exception, failed: list[str]) -> None:
    report_failure(f"{path}: 内部错误，未收录 (internal error, not ingested): {type(err).__name__}: {err}",
                   failed)


def _progress(items):
    """A progress bar on stderr for long runs, only on a terminal."""
    if len(items) < 20 or not sys.stderr.isatty():
        return items
    from rich.progress import track

    return track(items, description="ingest", console=None, transient=True)


def run_ledger(args: argparse.Namespace) -> int:
    from checker.ledger import Ledger

    if args.action in ("export", "import"):
        return _move(args)
    if args.folder is not None:
        raise UserError(f"ledger {args.action}: 多余的参数 (unexpected argument) {args.folder}")
    if args.action != "validate" and (args.suite or args.data_docs):
        raise UserError(f"ledger {args.action}: --suite 与 --data-docs 只用于 validate "
                        "(--suite and --data-docs are for validate only)")
    if args.engine == "spark" and args.action == "conflicts":
        from checker.ledger.spark import ledger_conflicts

        result = ledger_conflicts(_path(args))
        _print(args, result, _conflicts_text)
        return EXIT_FINDINGS if result["conflicts"] or result["cumulative_falls"] else EXIT_OK
    if args.engine == "spark" and args.action != "validate":
        raise UserError(f"ledger {args.action}: --engine spark 只用于 conflicts 与 validate "
                        "(--engine spark is for conflicts and validate only)")
    if args.action == "validate":
        from checker.ledger.validate import validate_ledger

        result = validate_ledger(_path(args), args.rules, engine=args.engine, suite=args.suite,
                                 data_docs=args.data_docs)
        _print(args, result, _validation_text)
        return EXIT_OK if result["success"] else EXIT_FINDINGS
    with Ledger(_path(args), read_only=True) as ledger:
        if args.action == "stats":
            _print(args, ledger.stats(), _stats_text)
            return EXIT_OK
        result = {"conflicts": ledger.conflicts(), "cumulative_falls": ledger.cumulative_falls()}
    _print(args, result, _conflicts_text)
    return EXIT_FINDINGS if result["conflicts"] or result["cumulative_falls"] else EXIT_OK


def _move(args) -> int:
    from checker.ledger import parquet

    if args.folder is None:
        raise UserError(f"ledger {args.action}: 需要 Parquet 账本文件夹 (give the Parquet ledger's "
                        f"folder): figcheck ledger {args.action} DIR")
    source = _path(args)
    if parquet.is_parquet_ledger(source):
        raise UserError(f"{source}: --ledger 须为 DuckDB 文件 (must be a DuckDB ledger file) for "
                        f"ledger {args.action}")
    if args.action == "export":
        if not os.path.exists(source):
            raise UserError(f"{source}: 没有这个账本 (no such ledger)")
        marker = parquet.export(source, args.folder)
        result = {"from": source, "to": args.folder, "documents": marker["documents"],
                  "figures": marker["figures"], "run": marker["run"]}
    else:
        moved = parquet.import_into(args.folder, source)
        result = {"from": args.folder, "to": source, **moved}
    _print(args, result, lambda r: print(
        f"{r['from']} → {r['to']}: {r['documents']} 篇稿件 (articles), "
        f"{r['figures']} 个可比数字 (comparable figures)"))
    return EXIT_OK


def _print(args, result: dict, as_text) -> None:
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        as_text(result)


def _stats_text(s: dict) -> None:
    print(f"{s['path']}\n  稿件 documents: {s['documents']}  字符 characters: {s['characters']}\n"
          f"  可比数字 figures: {s['figures']}  指标键 keys: {s['keys']}\n"
          f"  发布日期 published: {s['published'][0]} … {s['published'][1]}")


def _conflicts_text(result: dict) -> None:
    if result.get("results"):
        print(f"结果表 (result tables): {result['results']}")
    for title, rows in (("冲突 conflicts", result["conflicts"]),
                        ("累计数下降 running totals that fell", result["cumulative_falls"])):
        print(f"{title}: {len(rows)}")
        for r in rows:
            print(f"  {r['a_metric']} ({r['a_scope']}, {r['a_period']}): {r['a_text']} "
                  f"[{r['a_path']}:{r['a_line']}] ↔ {r['b_text']} [{r['b_path']}:{r['b_line']}]")


def _validation_text(result: dict) -> None:
    print(f"{'通过' if result['success'] else '未通过'} (success: {result['success']})")
    for r in result["results"]:
        mark = "✓" if r["success"] else "✗"
        print(f"  {mark} {r['rule']}: {r['expectation']} — {r['unexpected']} / {r['rows']}")
        if r.get("error"):
            print(f"      错误 (error): {r['error'].strip().splitlines()[0]}")
        for path in r.get("documents", []):
            print(f"      {path}")
    if result.get("suite"):
        print(f"期望套件 (expectation suites): {result['suite']}")
    if result.get("data_docs"):
        print(f"Data Docs: {result['data_docs']}")
