"""Number forms: how many of the hand-written readings in tests/extract/forms the extractor gives.

Each case of the tables (input -> kind, interval, unit, approx) is read by `figcheck extract`'s
own code; a figure is right when every listed field agrees, and an `absent` case is right when no
quantity overlaps the words it names. Prints the share right per group, and with --misses each
wrong reading.

    python bench/number_forms.py [--misses] [--group comparators]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "tests" / "extract" / "forms"
FIELDS = ("kind", "value", "lo", "hi", "approx", "unit")
QUANTITIES = {"count", "money", "percent", "fraction", "multiple", "measure", "duration", "number"}


def cases(group: str | None = None):
    for path in sorted(FORMS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if group and data["group"] != group:
            continue
        for case in data["cases"]:
            yield data["group"], case


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def figure_at(figures, text: str, has: str):
    """The narrowest figure whose span holds ``has``."""
    at = text.index(has)
    holding = [f for f in figures if f.start <= at and at + len(has) <= f.end]
    return min(holding, key=lambda f: f.end - f.start, default=None)


def judge(case: dict, figures) -> list[str]:
    """What is wrong with the figures of one case (empty: all right)."""
    text = case["text"]
    wrong = []
    for want in case.get("expect") or []:
        f = figure_at(figures, text, want["has"])
        if f is None:
            wrong.append(f"{want['has']}: no figure")
            continue
        bad = [k for k in FIELDS if k in want and not _same(getattr(f, k), want[k])]
        if bad:
            wrong.append(f"{want['has']}: " + ", ".join(f"{k} {getattr(f, k)!r} want {want[k]!r}" for k in bad)
                         + f" [{f.text}]")
    for words in case.get("absent") or []:
        at = text.index(words)
        for f in figures:
            if f.kind in QUANTITIES and f.start < at + len(words) and at < f.end:
                wrong.append(f"absent {words}: {f.kind} {f.text!r}")
    return wrong


def read(text: str):
    from checker.extract import extract
    from checker.source import Document

    return extract(Document(path="case.txt", text=text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--group")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    for group, case in cases(args.group):
        wrong = judge(case, read(case["text"]))
        t = totals.setdefault(group, [0, 0])
        t[0] += not wrong
        t[1] += 1
        if wrong and args.misses:
            print(f"{case['id']}: {case['text'].strip()[:60]}\n    " + "\n    ".join(wrong))
    right = sum(t[0] for t in totals.values())
    count = sum(t[1] for t in totals.values())
    for group, (ok, n) in sorted(totals.items()):
        print(f"  {group:14} {ok:3}/{n:<3} {ok / n:5.0%}")
    print(f"  {'all':14} {right:3}/{count:<3} {right / count:5.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
