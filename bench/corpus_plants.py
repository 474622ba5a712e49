"""Planted errors in relations found in real text: for every relation a ratio rule verified as
consistent in the 15 corpus reports, the relation is broken and the report checked again; the
plant counts as found when that rule now reports the figure. A rate, change, multiple or
average has its last digit moved by 3 (so no rounding can explain it); a rise or fall has its
two ends swapped (由3800万吨提升至8000万吨 becomes 由8000万吨提升至3800万吨), a part and its
whole too (其中企业162.5万户 under 688.3万户 becomes the whole); and each relation with a 万 or
亿 has one figure written with the other (万 for 亿), the one whose new scale breaks it, in a copy
of its own. A consistent twin (the report unchanged)
is the corpus itself, which must give no finding.

    python bench/corpus_plants.py [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "gwr2026"
_LAST_DIGIT = re.compile(r"(\d)(?!.*\d)")
# relations broken by swapping their two figures: a rise becomes a fall, a part its whole
_SWAPPED = ("ratio.direction", "subset.part")
_OPEN = re.compile(r"超|突破|以上|多|余|逾|不少于|至少")
_SCALE = re.compile(r"[万亿]")


def planted(text: str) -> str | None:
    """The figure's text with its last digit moved by 3 (7 -> 0, 2 -> 5): a transposed or
    mistyped digit, big enough in the last place that the figure's precision cannot absorb it."""
    m = _LAST_DIGIT.search(text)
    if not m:
        return None
    d = int(m.group(1))
    new = (d + 3) % 10
    return text[:m.start()] + str(new) + text[m.end():]


def measure():
    from checker.check import check_documents
    from checker.extract.units import factor
    from checker.rules import load_rules
    from checker.source import read_document

    meta = {m["file"]: m for m in json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))}
    rules = load_rules()
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    alarms = 0
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_document(path, dt.date.fromisoformat(meta[path.name]["publish_date"]))
        [report] = check_documents([doc], rules)
        alarms += len(report.findings)
        values = {f.start: (f.value or 0) * factor(f.unit) for f in report.extraction.figures}
        for c in report.checks:
            if not c.rule.startswith(("ratio.", "subset.part")) or c.verdict != "consistent":
                continue
            loc = c.locations[0]
            if c.rule == "subset.part" and _OPEN.search(c.locations[0].text):
                continue  # the part becomes a whole with no upper bound (超110万辆): no swap can contradict it
            if c.rule in _SWAPPED and len(c.locations) == 2:
                first, second = sorted(c.locations, key=lambda x: x.start)
                new = f"{first.text} <-> {second.text}"
                text = (doc.text[:first.start] + second.text + doc.text[first.end:second.start] + first.text
                        + doc.text[second.end:])
                loc = replace(loc, start=first.start)  # the figure the check names first may stand there now
            else:
                new = planted(loc.text)
                if new is None:
                    continue
                text = doc.text[:loc.start] + new + doc.text[loc.end:]
            [again] = check_documents([replace(doc, text=text)], rules)
            found[c.rule][1] += 1
            if any(f.rule == c.rule and any(x.start in (loc.start, c.locations[0].start) for x in f.locations)
                   for f in again.findings):
                found[c.rule][0] += 1
            else:
                misses.append(f"  {c.rule} {path.stem[5:8]}: {loc.text} -> {new}  ({doc.text[max(0, loc.start - 40):loc.end + 5]!r})")
            _scale_plant(c, doc, rules, check_documents, found, misses, path, values)
    return found, alarms, misses


def _scale_plant(c, doc, rules, check_documents, found, misses, path, values) -> None:
    """万 for 亿 (or 亿 for 万) in one figure of the relation, the one whose new scale breaks it:
    for a part or the start of a rise, 万 becomes 亿 (larger); for a whole or the end of a rise, 亿
    becomes 万 (smaller); for a rate, average or change, either input. One character, so no
    offset moves; the relation's rule must now report it."""
    locs = list(c.locations)
    if c.rule == "subset.part":
        if _OPEN.search(locs[1].text):
            return  # a whole with no upper bound (40万亩以上, 突破1亿人次) holds any part
        wanted = [(locs[0], "万"), (locs[1], "亿")]  # the part larger, or the whole smaller
    elif c.rule == "ratio.direction":
        end, start = locs[0], locs[1]
        rise = values.get(end.start, 0) >= values.get(start.start, 0)
        wanted = [(start, "万"), (end, "亿")] if rise else [(start, "亿"), (end, "万")]
    else:
        wanted = [(x, "万") for x in locs[1:]] + [(x, "亿") for x in locs[1:]]
    pick = next(((x, w) for x, w in wanted if w in x.text and "万亿" not in x.text), None)
    if pick is None:
        return
    loc, was = pick
    new = loc.text.replace(was, "亿" if was == "万" else "万", 1)
    text = doc.text[:loc.start] + new + doc.text[loc.end:]
    [again] = check_documents([replace(doc, text=text)], rules)
    key = f"{c.rule} (万↔亿)"
    found[key][1] += 1
    starts = {x.start for x in c.locations}
    if any(f.rule == c.rule and any(x.start in starts for x in f.locations) for f in again.findings):
        found[key][0] += 1
    else:
        misses.append(f"  {key} {path.stem[5:8]}: {loc.text} -> {new}  ({doc.text[max(0, loc.start - 40):loc.end + 5]!r})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from report import tally, tally_lines

    found, alarms, misses = measure()
    total = tally(found)
    print(f"plants in corpus relations: {total[0]}/{total[1]} found; findings on the unchanged reports: {alarms}")
    print("\n".join(tally_lines(found, 20)))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
