"""In-process `figcheck check` throughput over the gwr2026 corpus at one job, against plain
jieba segmentation of the same text (the extraction benchmark's yardstick).

A pass is check_documents over the 15 reports with every built-in rule: extraction, the
relation stage, every rule's candidates and their pandera-validated verdicts, the checks shown
(no ledger, no report formatting). Caches are cleared before each pass, as for new text. The
issue's target is ≥ 500,000 characters a second a core; the ratio to this run's jieba is the
number to compare between machines.
"""

from __future__ import annotations

from collections.abc import Callable

from extraction import clear_caches, load
from report import Row
from timing import interleaved

from checker.check import check_documents
from checker.extract import segment
from checker.rules import load_rules

TARGET = 500_000  # chars/s on one core


def one_pass() -> Callable[[], object]:
    """One cache-cleared check of the corpus, ready to profile."""
    docs, rules = load(), load_rules()
    check_documents(docs[:1], rules)
    clear_caches()
    return lambda: check_documents(docs, rules)


def run(quick: bool) -> list[Row]:
    docs, rules = load(), load_rules()
    chars = sum(len(doc.text) for doc in docs)
    tk = segment.tokenizer()

    def check_all() -> int:
        return sum(len(r.checks) for r in check_documents(docs, rules))

    def jieba_all() -> int:
        return sum(len(tk.lcut(doc.text, HMM=False)) for doc in docs)

    checks = check_all()  # warm-up: loads jieba, the rules' validation schemas
    jieba_all()
    t = interleaved({"check": check_all, "jieba": jieba_all}, repeats=3 if quick else 11,
                    setups={"check": clear_caches})
    speed, base = chars / t.median("check"), chars / t.median("jieba")
    return [Row("check: check_documents, every rule, --jobs 1 (caches cleared)",
                f"{speed:,.0f} chars/s (n={t.repeats})", f"jieba.lcut(HMM=False): {base:,.0f} chars/s",
                f"{t.ratio('jieba', 'check'):.2f}× jieba", f"≥ {TARGET:,} chars/s", speed >= TARGET,
                f"{len(docs)} reports, {chars:,} characters, {checks:,} relations checked a pass. "
                f"Target as a ratio to this run's jieba: ≥ {TARGET / base:.2f}×.")]
