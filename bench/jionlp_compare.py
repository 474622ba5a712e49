"""In-process extraction throughput over the gwr2026 corpus, against JioNLP's money and time
extractors on the same text.

JioNLP (https://github.com/dongrixinyu/JioNLP, the `bench` extra) is the usual rule-based
library for pulling amounts of money and times out of Chinese text; its two extractors together
do a part of what figcheck's extraction does (figcheck also reads counts, percents, measures,
and each figure's metric, scope and period). The target is figcheck ≥ 3× their throughput.

Same measurement as bench/extraction.py: its cache-cleared pass (extract() of each whole
report, per-phrase memos emptied before each timed pass). JioNLP gets each whole report too,
one call of ``jionlp.ner.extract_money(text)`` and one of ``jionlp.ner.extract_time(text,
time_base=<publication date>)`` per report, default arguments otherwise (parsed values
included, as figcheck's are). Whole reports are JioNLP's fastest input: by paragraph or by
sentence it finds the same entities but takes longer (~10% longer by paragraph, ~30% by
sentence, on the machine this was written on), so cutting the text up would only flatter figcheck.
JioNLP keeps no memo between calls, so one untimed pass (it compiles its patterns and loads its
dictionaries on the first call) leaves it in its steady state.

Side effects of importing JioNLP, kept out of the measurement: it and its segmenter jiojio
print banners on import (swallowed here); it does not import jieba, and figcheck cuts with a
jieba.Tokenizer of its own (checker.extract.segment.tokenizer) in any case; its time parser logs
a traceback through the root logger for every candidate string it cannot parse, and with no
handler configured that goes to the terminal, so logging is disabled while JioNLP runs (the
traceback is still formatted: that is JioNLP's own work).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import statistics
from collections import Counter
from collections.abc import Callable
from importlib import metadata

from extraction import _passes, clear_caches, load
from report import Row
from timing import interleaved

from checker.extract import extract

TARGET = 3.0  # × JioNLP money + time, chars/s
DEFAULT_BASE = dt.datetime(2026, 2, 1)  # time base of a report that states no date (2 of 15)
FIGCHECK_TIME_KINDS = ("date", "year", "duration")


def _jionlp():
    """jionlp.ner, imported without its banners, or None when the bench extra is not installed."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp
    except ImportError:
        return None
    return jionlp.ner


@contextlib.contextmanager
def _quiet_logging():
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def run(quick: bool) -> list[Row]:
    label = "jionlp_compare: extraction vs JioNLP money + time"
    target = f"≥ {TARGET:.0f}× JioNLP"
    ner = _jionlp()
    if ner is None:
        return [Row(label, "not measured: pip install -e '.[bench]'", "—", "—", target, None,
                    "JioNLP is not installed in this environment.")]
    version = metadata.version("jionlp")

    docs = load()
    chars = sum(len(doc.text) for doc in docs)
    bases = [dt.datetime(d.published.year, d.published.month, d.published.day)
             if d.published else DEFAULT_BASE for d in docs]
    extract_all, _ = _passes(docs)

    def money_all() -> list[dict]:
        with _quiet_logging():
            return [e for doc in docs for e in ner.extract_money(doc.text)]

    def time_all() -> list[dict]:
        with _quiet_logging():
            return [e for doc, base in zip(docs, bases)
                    for e in ner.extract_time(doc.text, time_base=base)]

    # warm-up, untimed: jieba for figcheck; JioNLP's patterns, dictionaries and time parser
    extract_all()
    money, times = money_all(), time_all()
    clear_caches()
    kinds = Counter(f.kind for doc in docs for f in extract(doc))
    figures = sum(kinds.values())
    clear_caches()

    runs: dict[str, Callable[[], object]] = {
        "figcheck": extract_all, "money": money_all, "time": time_all,
    }
    t = interleaved(runs, repeats=3 if quick else 15, setups={"figcheck": clear_caches})
    jio = [m + s for m, s in zip(t.seconds["money"], t.seconds["time"])]  # per round
    ratio = statistics.median(j / f for j, f in zip(jio, t.seconds["figcheck"]))
    ours = chars / t.median("figcheck")
    theirs = chars / statistics.median(jio)
    time_types = Counter(e["type"] for e in times)
    time_detail = ", ".join(f"{n} {k}" for k, n in time_types.most_common())
    figcheck_times = sum(kinds[k] for k in FIGCHECK_TIME_KINDS)
    note = (
        f"{len(docs)} reports, {chars:,} characters, one process; JioNLP {version} "
        f"`ner.extract_money(text)` + `ner.extract_time(text, time_base=publication date)`, "
        f"one call of each per whole report, after an untimed warm-up pass (its first call "
        f"compiles patterns and loads dictionaries); figcheck = bench/extraction.py's "
        f"cache-cleared pass. JioNLP alone: money {chars / t.median('money'):,.0f} chars/s, "
        f"time {chars / t.median('time'):,.0f} chars/s. "
        f"Work found a pass: JioNLP {len(money)} money and {len(times)} time entities "
        f"({time_detail}); figcheck {kinds['money']} money and {figcheck_times} "
        f"date/year/duration figures, of {figures:,} figures of all kinds."
    )
    return [Row(label, f"{ours:,.0f} chars/s (n={t.repeats})",
                f"JioNLP money + time: {theirs:,.0f} chars/s", f"{ratio:.2f}× JioNLP",
                target, ratio >= TARGET, note)]
