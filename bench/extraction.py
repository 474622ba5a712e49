"""In-process extraction throughput over the gwr2026 corpus, against plain jieba segmentation.

jieba's dictionary cut over the same text with the same tokenizer is the natural yardstick:
extraction segments only the clauses around figures, so it should beat cutting everything.
extract() memoizes per-phrase work (jieba cuts, Chinese numerals); a second pass over the same
texts then mostly hits those caches, which flatters it. The headline clears them before each
timed pass (the steady state for new text); the cache-warm number stands beside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from report import Row
from timing import interleaved

from checker.extract import extract, numerals, segment
from checker.source import Document, read_document

TARGET = 1_000_000  # chars/s on one core


def corpus_dir() -> Path:
    """$FIGCHECK_SHARED/corpus/gwr2026, else the shared folder beside the repo."""
    shared = os.environ.get("FIGCHECK_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[1].parent / "shared"
    return base / "corpus" / "gwr2026"


def load() -> list[Document]:
    """The 15 reports, read and decoded (not timed: reading is not extraction)."""
    paths = sorted(corpus_dir().glob("*.txt"))
    if not paths:
        raise SystemExit(f"bench: no reports in {corpus_dir()} (set FIGCHECK_SHARED)")
    return [read_document(p) for p in paths]


def clear_caches() -> None:
    """Forget every per-phrase memo of extract(); the loaded tokenizer and tags stay."""
    segment.words.cache_clear()
    segment.tagged.cache_clear()
    numerals.chinese.cache_clear()


def _passes(docs: list[Document]) -> tuple[Callable[[], int], Callable[[], int]]:
    tk = segment.tokenizer()

    def extract_all() -> int:
        return sum(len(extract(doc)) for doc in docs)

    def jieba_all() -> int:
        return sum(len(tk.lcut(doc.text, HMM=False)) for doc in docs)

    return extract_all, jieba_all


def one_pass() -> Callable[[], object]:
    """One cache-cleared pass, ready to profile: jieba already loaded, caches just emptied."""
    extract_all, _ = _passes(load())
    extract_all()
    clear_caches()
    return extract_all


def run(quick: bool) -> list[Row]:
    docs = load()
    chars = sum(len(doc.text) for doc in docs)
    extract_all, jieba_all = _passes(docs)
    figures = extract_all()  # warm-up: loads jieba
    jieba_all()
    clear_caches()
    if extract_all() != figures:
        raise SystemExit("bench: a cache-cleared pass found a different number of figures")

    t = interleaved({"cleared": extract_all, "warm": extract_all, "jieba": jieba_all},
                    repeats=3 if quick else 15, setups={"cleared": clear_caches})
    base = chars / t.median("jieba")
    baseline = f"jieba.lcut(HMM=False): {base:,.0f} chars/s"

    def row(name: str, label: str, target: str, met: bool | None, note: str) -> Row:
        speed = chars / t.median(name)
        return Row(label, f"{speed:,.0f} chars/s (n={t.repeats})", baseline,
                   f"{t.ratio('jieba', name):.2f}× jieba", target, met, note)

    headline = chars / t.median("cleared")
    return [
        row("cleared", "extraction (caches cleared)", f"≥ {TARGET:,} chars/s", headline >= TARGET,
            f"{len(docs)} reports, {chars:,} characters, {figures:,} figures a pass; one process "
            f"= one core. Target as a ratio to this run's jieba: ≥ {TARGET / base:.2f}×."),
        row("warm", "extraction (caches warm)", "—", None,
            "same passes with segment.words/tagged and numerals.chinese memos kept from the "
            "previous pass."),
    ]
