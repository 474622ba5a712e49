"""Ingest throughput: `figcheck ingest` of the 15 corpus reports into a fresh ledger, in-process,
against extraction alone (read_figures) of the same texts.

Ingest does what extraction does and more: it reads the files, extracts, validates the figures
table (the stage contract), keys the figures and derives the rules' candidate rows (entry_for),
and writes one transaction to DuckDB. The ratio says what all that costs on top of extracting.
Each timed ingest starts from no ledger file, and both arms start with extract()'s memos cleared
(as in the extraction benchmark's headline). A second pair of rows does the same for short
synthetic articles (bench/synth.py, ~500 characters each), where the per-document costs show.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import json
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path

import synth
from extraction import clear_caches, corpus_dir, load
from report import Row
from timing import interleaved

SHORT_ARTICLES = 100


def _ingester(paths: list[Path], ledger: Path) -> tuple[Callable[[], dict], Callable[[], None]]:
    """(ingest: one `figcheck ingest PATHS --ledger LEDGER --format json` in-process, its summary;
    fresh: remove the ledger so that the next ingest starts from none)."""
    from checker.cli import main

    argv = ["ingest", *map(str, paths), "--ledger", str(ledger), "--format", "json"]

    def ingest() -> dict:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(argv)
        if code != 0:
            raise SystemExit(f"bench: figcheck {' '.join(argv[:3])} ... exited {code}")
        return json.loads(out.getvalue())

    def fresh() -> None:
        for suffix in ("", ".wal"):
            Path(str(ledger) + suffix).unlink(missing_ok=True)

    return ingest, fresh


def _shares(ingest: Callable[[], dict], fresh: Callable[[], None]) -> str:
    """Where an ingest's time goes, from one cProfile'd run (cumulative, so nested calls count
    in their callers too)."""
    fresh()
    clear_caches()
    profiler = cProfile.Profile()
    profiler.runcall(ingest)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    wanted = {("table/schema.py", "figures_frame"): "figures_frame (pandera)",
              ("extract/__init__.py", "read_figures"): "read_figures",
              ("ledger/records.py", "entry_for"): "entry_for",
              ("ledger/store.py", "write"): "Ledger.write",
              ("source/read.py", "read_document"): "read_document"}
    total = max(v[3] for v in stats.values())
    parts = []
    for (file, _, func), v in stats.items():
        for (suffix, name), label in wanted.items():
            if func == name and file.endswith(suffix):
                parts.append((v[3], label))
    return ", ".join(f"{label} {100 * t / total:.0f}%" for t, label in sorted(parts, reverse=True))


def _pair(name: str, paths: list[Path], docs: list, ledger: Path, repeats: int) -> list[Row]:
    from checker.extract import read_figures

    ingest, fresh = _ingester(paths, ledger)
    chars = sum(len(d.text) for d in docs)

    def extract_all() -> int:
        return sum(len(read_figures(d).figures) for d in docs)

    fresh()
    summary = ingest()  # warm-up: imports, jieba, pandera schemas, DuckDB
    extract_all()
    if summary["documents"] != len(docs):
        raise SystemExit(f"bench: ingest wrote {summary['documents']} of {len(docs)} documents")

    def setup_ingest() -> None:
        fresh()
        clear_caches()

    t = interleaved({"ingest": ingest, "extract": extract_all}, repeats,
                    setups={"ingest": setup_ingest, "extract": clear_caches})
    shares = _shares(ingest, fresh)
    n = len(docs)
    speed = chars / t.median("ingest")
    base = chars / t.median("extract")
    return [Row(f"ledger_ingest: `figcheck ingest` of {name} into a fresh ledger",
                f"{n / t.median('ingest'):,.1f} articles/s, {speed:,.0f} chars/s "
                f"(n={t.repeats})",
                f"read_figures alone: {n / t.median('extract'):,.1f} articles/s, "
                f"{base:,.0f} chars/s",
                f"{t.ratio('extract', 'ingest'):.2f}× extraction", "—", None,
                f"{n} articles, {chars:,} characters, {summary['figures']:,} keyed figures "
                f"written; ingest {t.median('ingest'):.2f} s vs extraction "
                f"{t.median('extract'):.2f} s a pass (in-process `checker.cli.main`, caches "
                f"cleared before both). One cProfile'd ingest, share of its time: {shares}.")]


def _corpus_paths() -> list[Path]:
    return sorted(corpus_dir().glob("*.txt"))


def one_pass() -> Callable[[], object]:
    """One ingest of the corpus into a fresh ledger, ready to profile."""
    import atexit
    import shutil

    synth.like_console_script()
    folder = Path(tempfile.mkdtemp(prefix="figcheck-bench-ingest-"))
    atexit.register(shutil.rmtree, folder, True)
    ingest, fresh = _ingester(_corpus_paths(), folder / "ledger.duckdb")
    fresh()
    ingest()
    fresh()
    clear_caches()
    return ingest


def run(quick: bool) -> list[Row]:
    synth.like_console_script()
    docs = load()
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="figcheck-bench-ingest-") as tmp:
        rows = _pair(f"the {len(docs)} corpus reports", _corpus_paths(), docs,
                     Path(tmp) / "corpus.duckdb", repeats)
        # short articles: the same sentences, ~500 characters an article
        ext = synth.Extractor()
        try:
            templates, _ = synth.harvest(docs, ext)
        finally:
            ext.close()
        folder = Path(tmp) / "short"
        folder.mkdir()
        paths = []
        for a in synth.articles(templates, SHORT_ARTICLES, seed=synth.SEED + 3):
            path = folder / f"{a.index:06d}.txt"
            path.write_text(synth.text_of(a, templates), encoding="utf-8")
            paths.append(path)
        from checker.source import read_document

        short_docs = [read_document(p) for p in paths]
        rows += _pair(f"{SHORT_ARTICLES} short synthetic articles", [folder], short_docs,
                      Path(tmp) / "short.duckdb", 3)
    return rows
