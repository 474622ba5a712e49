"""Relation recall on the relations marked by hand in five corpus reports (tests/gold/relations):
how many of them figcheck checks (any rule's check whose figures include every figure of the
marked relation), per family.

    python bench/relation_recall.py [--tree DIR] [--misses]

A check here is any candidate a rule recomputed, consistent or not (the report's `checks`): a
relation that no rule looks at is a relation whose error would pass silently.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "relations"
CORPUS = ROOT.parent / "shared" / "corpus" / "gwr2026"


def measure(check_documents, read_document, load_rules):
    import yaml

    meta = {m["file"]: m for m in json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))}
    rules = load_rules()
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[str] = []
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        file = ROOT.parent / "shared" / gold["path"]
        published = dt.date.fromisoformat(meta[file.name]["publish_date"])
        [report] = check_documents([read_document(file, published)], rules)
        checked = [{loc.start for loc in c.locations} for c in report.checks]
        for rel in gold["relations"]:
            starts = {f["start"] for f in rel["figures"]}
            family = rel["family"]
            found[family][1] += 1
            if any(starts <= c for c in checked):
                found[family][0] += 1
            else:
                missed.append(f"  {path.stem} {family}: {rel['quote'][:60]}")
    return found, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    from checker.check import check_documents
    from checker.rules import load_rules
    from checker.source import read_document

    from report import tally, tally_lines

    found, missed = measure(check_documents, read_document, load_rules)
    total = tally(found)
    print(f"relations marked by hand ({args.tree}): {total[0]}/{total[1]} checked ({total[0] / total[1]:.0%})")
    print("\n".join(tally_lines(found, 12)))
    if args.misses:
        print("\n".join(missed))


if __name__ == "__main__":
    main()
