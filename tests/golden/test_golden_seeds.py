"""Golden files for the five seed articles: every figure with its meaning, and the check report.

The files were read and corrected by hand. When extraction or a rule changes on purpose,
regenerate them with FIGCHECK_REGEN_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.check import check_document
from checker.extract import read_figures
from checker.report.describe import number
from checker.rules import load_rules
from checker.source import read_document

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("seeds")
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REGEN = os.environ.get("FIGCHECK_REGEN_GOLDEN") == "1"
COLUMNS = ("where", "text", "kind", "lo", "hi", "approx", "unit", "metric", "scope", "period", "role")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number(value).replace(",", "")
    return str(value).replace("\n", "\\n").replace("\t", " ")


def figures_table(path: Path) -> str:
    doc = read_document(str(path.relative_to(ROOT)))
    rows = ["\t".join(COLUMNS)]
    for f in read_figures(doc).figures:
        rows.append("\t".join(_cell(v) for v in (
            f"{f.line}:{f.column}", f.text, f.kind, f.lo, f.hi, f.approx, f.unit, f.metric,
            f.scope, f.period, f.role)))
    return "\n".join(rows) + "\n"


def check_report(path: Path) -> str:
    doc = read_document(str(path.relative_to(ROOT)))
    report = check_document(doc, load_rules())
    findings = [
        {"rule": f.rule, "severity": f.severity, "message": f.message,
         "locations": [f"{loc.line}:{loc.column} {loc.text}" for loc in f.locations]}
        for f in report.findings
    ]
    return json.dumps({"notes": report.notes, "findings": findings}, ensure_ascii=False, indent=1) + "\n"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the golden files are relative to the repository


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind, render", [("figures.tsv", figures_table), ("check.json", check_report)])
def test_seed_matches_golden(seed: Path, kind: str, render) -> None:
    golden = GOLDEN / f"{seed.stem}.{kind}"
    actual = render(seed)
    if REGEN:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with FIGCHECK_REGEN_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_seed_has_golden_files() -> None:
    assert len(SEEDS) == 5
    names = {p.name for p in GOLDEN.iterdir()}
    assert names == {f"{s.stem}.{k}" for s in SEEDS for k in ("figures.tsv", "check.json")}
