"""Draw the figures a person annotates by hand for the meaning gold standard (tests/gold/meaning).

Each row gives only where the figure is and the text around it, never what figcheck reads as its
meaning: the annotator reads the text, not today's output. Quantity figures are drawn from every
corpus report and seed, spread over each document (every section), with a fixed seed.

    python bench/gold/sample_meaning.py OUT.jsonl [--per-report 22] [--per-seed 14]
        [--seed N] [--exclude tests/gold/meaning]

A held-out set (tests/gold/meaning/heldout) is drawn with another --seed and --exclude of the
rows already annotated, so no figure is in both.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.extract import QUANTITY_KINDS, extract  # noqa: E402
from checker.source.read import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "gwr2026"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)")


def headings(text: str, pos: int) -> list[str]:
    """The section headings above ``pos``: the last top-level one and the last sub-heading."""
    top = sub = None
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset > pos:
            break
        m = HEADING.match(line)
        if m:
            head = line.strip()[:40]
            if m.group().startswith("（"):
                sub = head
            else:
                top, sub = head, None
        offset += len(line)
    return [h for h in (top, sub) if h]


def rows(path: Path, rel: str, n: int, rng: random.Random, published: str | None) -> list[dict]:
    doc = read_document(path)
    figs = [f for f in extract(doc) if f.kind in QUANTITY_KINDS]
    if not figs:
        return []
    # spread over the document: one draw from each of n equal stretches
    chosen = []
    for k in range(min(n, len(figs))):
        lo, hi = k * len(figs) // n, max(k * len(figs) // n + 1, (k + 1) * len(figs) // n)
        chosen.append(figs[rng.randrange(lo, min(hi, len(figs)))])
    out = []
    text = doc.text
    for f in dict.fromkeys(chosen):
        para_start = text.rfind("\n", 0, f.start) + 1
        para_end = text.find("\n", f.end)
        para_end = len(text) if para_end < 0 else para_end
        out.append({
            "id": f"{Path(rel).stem[:24]}@{f.start}", "path": rel, "start": f.start, "end": f.end,
            "text": f.text, "kind": f.kind, "published": published or (doc.published.isoformat() if doc.published else None),
            "title": doc.title, "headings": headings(text, f.start),
            "before": text[max(para_start, f.start - 220):f.start], "after": text[f.end:min(para_end, f.end + 60)],
        })
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--per-report", type=int, default=22)
    ap.add_argument("--per-seed", type=int, default=14)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--exclude", type=Path, help="a folder of annotated *.jsonl whose figures to skip")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    taken = set()
    for part in sorted(args.exclude.rglob("*.jsonl")) if args.exclude else []:  # held-out sets too
        taken |= {json.loads(ln)["id"] for ln in part.read_text(encoding="utf-8").splitlines() if ln.strip()}
    meta = {m["file"]: m for m in json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))}
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += rows(path, f"corpus/gwr2026/{path.name}", args.per_report, rng, meta[path.name]["publish_date"])
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out += rows(path, f"seeds/{path.name}", args.per_seed, rng, None)
    out = [r for r in out if r["id"] not in taken]
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} figures -> {args.out}")


if __name__ == "__main__":
    main()
