"""Recall and false alarms of figcheck's relation checks on the phrasing matrix
(tests/relations/matrix): for each family, how many planted errors are found, and how many
consistent texts (and silent look-alikes) give a finding all the same.

    python bench/relations.py [--set matrix|heldout|heldout2|…|heldout7|dev6|dev7|dev8] [--tree DIR] [--misses FAMILY] [--date YYYY-MM-DD]

Each case is checked on its own, as a draft of one paragraph, with every built-in rule; a wrong
version counts as found when it gives any finding the correct version does not. --tree measures
another checkout (the revision before a change, from `git worktree add`). --set heldout measures
the held-out phrasings (tests/relations/heldout), written apart from the patterns and never
read to decide what to fix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {"matrix": ROOT / "tests" / "relations" / "matrix", "heldout": ROOT / "tests" / "relations" / "heldout",
        "heldout2": ROOT / "tests" / "relations" / "heldout2", "heldout3": ROOT / "tests" / "relations" / "heldout3",
        "heldout4": ROOT / "tests" / "relations" / "heldout4", "heldout5": ROOT / "tests" / "relations" / "heldout5",
        "dev8": ROOT / "tests" / "relations" / "dev8",
        "heldout7": ROOT / "tests" / "relations" / "heldout7",
        "dev6": ROOT / "tests" / "relations" / "dev6", "dev7": ROOT / "tests" / "relations" / "dev7"}


def cases(folder: Path = SETS["matrix"]) -> list[tuple[str, dict]]:
    import yaml

    out = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(data["family"], c) for c in data["cases"]]
    return out


def _findings(check_documents, Document, rules, texts: list[str], date) -> list[set[tuple[str, str]]]:
    """Each text's findings, every text a draft of its own; checked in one batch (the rules'
    validation costs about the same for all drafts as for one; no cross-article check runs)."""
    from checker.source.dateline import find_dateline

    # as a draft read from a file: a case's own dateline dates it, unless --date is given
    docs = []
    for i, t in enumerate(texts):
        published = date or find_dateline(t)
        docs.append(Document(path=f"<case {i}>", text=t, published=published,
                             date_source="option" if date else ("text" if published else "unknown")))
    return [{(f.rule, f.message) for f in r.findings} for r in check_documents(docs, rules)]


def measure(rules, date: dt.date | None, folder: Path = SETS["matrix"]):
    from checker.check import check_documents
    from checker.source import Document

    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # family -> [found, planted]
    alarms: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # family -> [alarms, texts]
    misses: dict[str, list[str]] = defaultdict(list)
    all_cases = cases(folder)
    clean_all = _findings(check_documents, Document, rules, [c["correct"] for _, c in all_cases], date)
    planted = [(fam, c) for fam, c in all_cases if "wrong" in c]
    wrong_all = iter(_findings(check_documents, Document, rules, [c["wrong"] for _, c in planted], date))
    for (family, case), clean in zip(all_cases, clean_all):
        alarms[family][1] += 1
        if clean:
            alarms[family][0] += 1
            misses[family].append(f"  false alarm {case['id']}: {sorted(clean)[0][1]}")
        if "wrong" in case:
            found[family][1] += 1
            if next(wrong_all) - clean:
                found[family][0] += 1
            else:
                misses[family].append(f"  missed {case['id']}: {case['wrong']}  ({case.get('error', '')})")
    return found, alarms, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--misses", help="list the cases of this family (or 'all') that are missed")
    ap.add_argument("--date", type=dt.date.fromisoformat, help="publication date of every case")
    ap.add_argument("--set", choices=sorted(SETS), default="matrix")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    from checker.rules import load_rules

    found, alarms, misses = measure(load_rules(), args.date, SETS[args.set])
    print(f"phrasings: {args.set} ({args.tree}), date {args.date or 'none'}")
    print(f"  {'family':12s} {'recall':>14s} {'false alarms':>16s}")
    total = [0, 0]
    for family in sorted(alarms):
        f, n = found.get(family, [0, 0])
        a, m = alarms[family]
        total[0] += f
        total[1] += n
        recall = f"{f}/{n} {f / n:5.0%}" if n else "—"
        print(f"  {family:12s} {recall:>14s} {f'{a}/{m}':>16s}")
    print(f"  {'all':12s} {total[0]}/{total[1]} {total[0] / total[1]:5.0%}")
    if args.misses:
        for family, lines in sorted(misses.items()):
            if args.misses in ("all", family):
                print(family)
                print("\n".join(lines))


if __name__ == "__main__":
    main()
