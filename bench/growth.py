"""Growth: the worst shapes of input we can build, checked whole at 10k, 100k and 1M characters.

Each shape makes some stage or rule do work per pair of figures if it can: one fact stated
thousands of times (with one value, and with many), one sentence of thousands of 其中, text
without punctuation, a figure per character, a 其中 chain under one whole, a 1,000-item 、-list,
shares and rates repeated per clause. Every size runs in a fresh process (its imports and rule
loading are not timed, its peak resident memory is its own), and the table gives seconds, time
per character and peak memory per size, and the growth of time per character from the smallest
size to each larger one: linear cost is a ratio near 1 (the issue's bound: within 2x).

    python bench/growth.py [--sizes 10000 100000 1000000] [--shapes repeat,no_punct]
    python bench/run.py --only growth      # writes the section of bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from report import Section

ROOT = Path(__file__).resolve().parents[1]

# shape -> Python expression of n (the size in characters); random values from a fixed seed
SHAPES = {
    "repeat": '("全市新建工会120家。" * (n // 10 + 1))[:n]',
    "repeat_vary": '"".join(f"全市新建工会{rng.randint(1, 999)}家。" for _ in range(n // 11 + 1))[:n]',
    "long_sentence": '("全市新建工会120家，其中" * (n // 12 + 1))[:n] + "。"',
    "no_punct": '("全市新建工会120家其中企业工会80家增长5%" * (n // 22 + 1))[:n]',
    "figure_per_char": '("1人" * (n // 2 + 1))[:n]',
    "qizhong_chain": '"全省职工1000万人" + ("，其中女职工500万人" * (n // 11 + 1))[:n] + "。"',
    "list": '"全省新建" + "、".join(f"{i}家" for i in range(n // 5)) + "。"',
    "shares": '("男性占51%，女性占49%；" * (n // 13 + 1))[:n]',
    "per_clause": '("受理投诉117件，办结率81.3%，" * (n // 17 + 1))[:n]',
}

_CHILD = """
import json, random, resource, sys, time
from checker.check import check_documents
from checker.ledger.crosscheck import attach_cross_findings
from checker.rules import load_rules
from checker.source import Document
n, expr = int(sys.argv[1]), sys.argv[2]
rng = random.Random(0)
text = "2023年5月6日\\n" + eval(expr)
rules = load_rules()
check_documents([Document(path="warm.txt", text="全市新建工会120家，其中企业工会80家。")], rules)
start = time.perf_counter()
reports = check_documents([Document(path="x.txt", text=text)], rules)
attach_cross_findings(reports, rules, "zh", None)
seconds = time.perf_counter() - start
print(json.dumps({"chars": len(text), "seconds": seconds, "figures": len(reports[0].extraction.figures),
                  "findings": len(reports[0].findings),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(shape: str, size: int, timeout: int = 3600) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(size), SHAPES[shape]], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(shapes: list[str], sizes: list[int]) -> tuple[str, bool]:
    lines = ["| shape | characters | figures | findings | seconds | µs/char | peak MB | µs/char vs smallest |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    linear = True
    for shape in shapes:
        first = None
        for size in sizes:
            m = measure(shape, size)
            if "error" in m:
                lines.append(f"| {shape} | {size:,} | | | failed: {m['error']} | | | |")
                linear = False
                continue
            per = m["seconds"] / m["chars"] * 1e6
            first = first or per
            growth = per / first
            linear &= growth <= 2.0
            lines.append(f"| {shape} | {m['chars']:,} | {m['figures']:,} | {m['findings']:,} | "
                         f"{m['seconds']:.2f} | {per:.1f} | {m['peak_mb']:.0f} | {growth:.2f}x |")
            print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines), linear


def run(quick: bool) -> Section:
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    body, linear = table(list(SHAPES), sizes)
    verdict = ("**linear**: time per character within 2x of the smallest size on every shape"
               if linear else "**not linear** on at least one shape (or a run failed)")
    return Section("Growth on the worst shapes", (
        "`python bench/growth.py` (each size in a fresh process; the whole check of one draft "
        "and the comparison across drafts, imports and rule loading not timed). "
        f"{verdict}.\n\n{body}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    body, linear = table(args.shapes.split(","), args.sizes)
    print(body)
    print("linear" if linear else "NOT linear")


if __name__ == "__main__":
    main()
