"""The meaning of figures against the hand-made gold standard (tests/gold/meaning, annotated by
reading, see its GUIDE.md): floors per field, below which a change is a regression. The goals
are higher (issue: metric, scope and period 95%, role 90%); bench/meaning.py prints the numbers
and the rows that miss."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.extract import read_figures
from checker.source import read_document

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "gold" / "meaning"))
import score as gold  # noqa: E402

ROWS = gold.gold_rows()
HELDOUT = gold.gold_rows(gold.HERE / "heldout")
HELDOUT2 = gold.gold_rows(gold.HERE / "heldout2")
CORPUS_THERE = (ROOT.parent / "shared" / "corpus" / "gwr2026").is_dir()

# measured when the floors were set (session 4): development set metric 90%, scope 94.5%,
# period 87%, role 91%, coverage 92%; held-out set metric 85%, scope 94%, period 88%, role 93%
FLOORS = {"metric": 0.88, "scope": 0.93, "period": 0.85, "role": 0.89}
HELDOUT_FLOORS = {"metric": 0.83, "scope": 0.92, "period": 0.86, "role": 0.91}
# the second held-out set (session 7), measured at that session's start: metric 86.3%, scope 97.7%,
# period 94.7%, role 92.4%
HELDOUT2_FLOORS = {"metric": 0.85, "scope": 0.95, "period": 0.93, "role": 0.91}


@pytest.fixture(scope="module")
def scored() -> gold.Score:
    if not CORPUS_THERE:
        pytest.skip("../shared/corpus/gwr2026 not found")
    return gold.score(ROWS, ROOT, read_figures, read_document)


@pytest.fixture(scope="module", params=["heldout", "heldout2"])
def scored_heldout(request) -> tuple[gold.Score, dict[str, float]]:
    if not CORPUS_THERE:
        pytest.skip("../shared/corpus/gwr2026 not found")
    rows, floors = (HELDOUT, HELDOUT_FLOORS) if request.param == "heldout" else (HELDOUT2, HELDOUT2_FLOORS)
    return gold.score(rows, ROOT, read_figures, read_document), floors


def test_the_gold_is_whole() -> None:
    assert len(ROWS) >= 300
    assert {r["path"].split("/")[0] for r in ROWS} == {"corpus", "seeds"}
    for r in ROWS:
        assert r["head"] and r["scope"] and r["period"] and isinstance(r["role"], list), r["id"]


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_accuracy_holds_its_floor(scored: gold.Score, field: str) -> None:
    assert scored.accuracy(field) >= FLOORS[field], scored.misses[field][:20]


def test_knowable_periods_are_assigned(scored: gold.Score) -> None:
    assert scored.coverage >= 0.90


@pytest.mark.parametrize("field", sorted(HELDOUT_FLOORS))
def test_heldout_accuracy_holds_its_floor(scored_heldout, field: str) -> None:
    # only the number: the held-out rows are for measuring, not for finding what to fix
    scored, floors = scored_heldout
    assert scored.accuracy(field) >= floors[field]


def test_heldout_shares_no_figure_with_the_development_set() -> None:
    assert len(HELDOUT) >= 150
    assert not {r["id"] for r in HELDOUT} & {r["id"] for r in ROWS}
    assert len(HELDOUT2) >= 130
    assert not {r["id"] for r in HELDOUT2} & ({r["id"] for r in ROWS} | {r["id"] for r in HELDOUT})
