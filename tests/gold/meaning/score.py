"""Scores figcheck's meaning (metric, scope, period, role) against the hand-made gold standard.

Used by bench/meaning.py (prints the accuracy per field) and tests/extract/test_meaning_gold.py
(holds the floors). The gold rows say where a figure is; a figure figcheck does not find there
counts as wrong in every field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
FIELDS = ("metric", "scope", "period", "role")


def gold_rows(folder: Path = HERE) -> list[dict]:
    """The annotated rows of one set: the development set here (read while building the
    extractor), or ``HERE / "heldout"``, drawn later and annotated apart, for measuring only."""
    rows = []
    for path in sorted(folder.glob("part*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def resolve(rel: str, root: Path) -> Path:
    """A gold row's path: corpus/… lies in ../shared beside the repository, seeds/… in it."""
    return (root.parent / "shared" / rel) if rel.startswith("corpus/") else root / rel


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: int = 0
    knowable: int = 0  # rows whose period a reader can tell
    assigned: int = 0  # of those, rows given some period
    misses: dict[str, list[tuple]] = field(default_factory=lambda: defaultdict(list))

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.total if self.total else 0.0

    @property
    def coverage(self) -> float:
        return self.assigned / self.knowable if self.knowable else 0.0


def judge(row: dict, fig) -> dict[str, bool]:
    """Whether each field of ``fig`` (a Figure, or None if not found) agrees with the row."""
    if fig is None:
        return {name: False for name in FIELDS}
    metric = fig.metric or ""
    scope = None if fig.scope is None else str(fig.scope)
    period = None if fig.period is None else str(fig.period)
    roles = set((fig.role or "").split("+")) - {""}
    gold_periods = {row["period"], row.get("period_alt")} - {None}
    return {
        "metric": all(h in metric for h in row["head"]),
        "scope": scope == row["scope"] or (row["scope"] == "?" and scope is None),
        "period": period in gold_periods or (row["period"] == "?" and period is None),
        "role": roles == set(row["role"]),
    }


def score(rows: list[dict], root: Path, read_figures, read_document) -> Score:
    """Run extraction over each document of the gold once and judge its rows."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_path[r["path"]].append(r)
    out = Score()
    for rel, these in sorted(by_path.items()):
        published = these[0].get("published")
        date = dt.date.fromisoformat(published) if published and rel.startswith("corpus/") else None
        doc = read_document(resolve(rel, root), date)
        figures = {f.start: f for f in read_figures(doc).figures}
        for r in these:
            fig = figures.get(r["start"])
            verdict = judge(r, fig)
            out.total += 1
            for name, ok in verdict.items():
                out.right[name] += ok
                if not ok:
                    out.misses[name].append((r["id"], r["text"], _got(fig, name), _want(r, name)))
            if r["period"] != "?":
                out.knowable += 1
                out.assigned += fig is not None and fig.period is not None
    return out


def _got(fig, name: str):
    if fig is None:
        return "(not found)"
    value = getattr(fig, name)
    return None if value is None else str(value)


def _want(row: dict, name: str):
    if name == "metric":
        return row["head"]
    if name == "period" and row.get("period_alt"):
        return f"{row['period']} | {row['period_alt']}"
    return row[name]
