"""Accuracy of figcheck's meaning (metric, scope, period, role) on the hand-made gold standard
(tests/gold/meaning), per field, and the share of knowable periods it assigns.

    python bench/meaning.py [--set dev|heldout] [--tree DIR] [--misses FIELD] [--max N]

--set heldout scores the held-out rows (tests/gold/meaning/heldout): drawn after the extractor
was tuned on the development rows and annotated apart, they are read only to measure, never to
find what to fix (use the development set's --misses for that).

--tree runs another checkout's extractor against the same gold (e.g. the revision before a change,
checked out with `git worktree add`), so before and after are measured on one gold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "gold" / "meaning"))

import score as gold  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose extractor is measured")
    ap.add_argument("--misses", choices=gold.FIELDS, help="list the rows where this field is wrong")
    ap.add_argument("--max", type=int, default=60)
    ap.add_argument("--set", choices=("dev", "heldout", "heldout2"), default="dev")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    from checker.extract import read_figures
    from checker.source.read import read_document

    folder = gold.HERE if args.set == "dev" else gold.HERE / args.set
    s = gold.score(gold.gold_rows(folder), ROOT, read_figures, read_document)
    print(f"gold rows: {s.total}, {args.set} set ({args.tree})")
    for name in gold.FIELDS:
        print(f"  {name:7s} {s.accuracy(name):6.1%}  ({s.right[name]}/{s.total})")
    print(f"  period assigned where knowable: {s.coverage:6.1%} ({s.assigned}/{s.knowable})")
    if args.misses:
        for m in s.misses[args.misses][:args.max]:
            print("   ", *m)


if __name__ == "__main__":
    main()
