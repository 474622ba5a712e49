"""The phrasing matrix (tests/relations/matrix, written before the relation stage read it):
each family's planted errors found at least at its floor, and no consistent text, nor any of the
silent look-alikes, gives a finding. bench/relations.py prints the numbers and the misses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.rules import load_rules

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import relations as matrix  # noqa: E402

# measured when set (session 4, the relation stage's first increment; session 5 for part,
# breakdown, grim, shares, restatement and anniversary, now read by the stage too); the goal is
# 95% in each
FLOORS = {"rate": 0.85, "growth": 0.95, "points": 0.95, "multiple": 0.90, "per-unit": 0.85, "anniversary": 0.85,
          "part": 0.80, "breakdown": 0.80, "grim": 0.85, "shares": 0.60, "restatement": 0.65}
# false alarms known and not yet fixed (none today)
KNOWN_ALARMS: set[str] = set()


@pytest.fixture(scope="module")
def measured():
    return matrix.measure(load_rules(), None)


@pytest.mark.parametrize("family", sorted(FLOORS))
def test_family_recall_holds_its_floor(measured, family: str) -> None:
    found, _, misses = measured
    f, n = found[family]
    assert n >= 25 and f / n >= FLOORS[family], misses[family]


def test_no_false_alarm_on_consistent_text(measured) -> None:
    _, _, misses = measured
    alarms = [line for lines in misses.values() for line in lines if "false alarm" in line
              and line.split()[2].rstrip(":") not in KNOWN_ALARMS]
    assert alarms == []


# held-out phrasings (tests/relations/heldout), written apart from the patterns: numbers only,
# never read to decide what to fix. Measured when set: rate 75%, growth 75%, points 33%,
# multiple 58%, per-unit 83% (before the relation stage: 3% in all), no false alarm.
# Part, breakdown, shares and grim (session 5): 50%, 42%, 73% (8 of 11), 58%; before the stage
# read them 50%, 25%, 8%, 25%.
# The last precision fixes of session 5 (tests/relations/precision, third batch) cost one rate
# case here: 9/12 to 8/12.
HELDOUT_FLOORS = {"rate": 0.65, "growth": 0.70, "points": 0.30, "multiple": 0.55, "per-unit": 0.80,
                  "part": 0.45, "breakdown": 0.40, "shares": 0.70, "grim": 0.55}


# the second held-out set (tests/relations/heldout2), gathered after the stage's patterns were
# written: numbers only. Measured when set (session 5): points 67%, multiple 87%, part 40%,
# breakdown 20% (27% with sum.listed), rate 87%, no false alarm; the session's start: 55% in all.
HELDOUT2_FLOORS = {"points": 0.60, "multiple": 0.80, "part": 0.35, "breakdown": 0.15, "rate": 0.80}
# each set's floors and the fewest cases a family holds there
FLOORS_OF = {"heldout": (HELDOUT_FLOORS, 11), "heldout2": (HELDOUT2_FLOORS, 15)}


@pytest.fixture(scope="module")
def measured_sets():
    rules = load_rules()
    return {name: matrix.measure(rules, None, matrix.SETS[name]) for name in FLOORS_OF}


@pytest.mark.parametrize(("set_name", "family"),
                         [(name, family) for name, (floors, _) in FLOORS_OF.items() for family in sorted(floors)])
def test_heldout_recall_holds_its_floor(measured_sets, set_name: str, family: str) -> None:
    found, alarms, _ = measured_sets[set_name]
    floors, fewest = FLOORS_OF[set_name]
    f, n = found[family]
    assert n >= fewest and f / n >= floors[family]
    assert alarms[family][0] == 0  # a consistent held-out text gives no finding
