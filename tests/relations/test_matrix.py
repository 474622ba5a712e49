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
# breakdown, grim, shares, restatement and anniversary, now read by the stage too), raised in
# session 6 to just under what it measured then; the goal is 95% in each
FLOORS = {"rate": 0.85, "growth": 0.95, "points": 0.95, "multiple": 0.90, "per-unit": 0.90, "anniversary": 0.85,
          "part": 0.85, "breakdown": 0.85, "grim": 0.90, "shares": 0.70, "restatement": 0.75}
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


# held-out phrasings (tests/relations/heldout and heldout2), written apart from the patterns and
# measured as such in sessions 4 and 5; studied in session 6 to decide what to fix (their
# READMEs say so), so their floors now guard what was fixed: just under what session 6 measured.
HELDOUT_FLOORS = {"rate": 0.70, "growth": 0.80, "points": 0.90, "multiple": 0.95, "per-unit": 0.80,
                  "part": 0.80, "breakdown": 0.90, "shares": 0.80, "grim": 0.90}
HELDOUT2_FLOORS = {"points": 0.90, "multiple": 0.85, "part": 0.65, "breakdown": 0.65, "rate": 0.85}
# the third set (heldout3), written in session 6 before it was read: 61% in all when first
# measured, then studied; these floors guard the fixes (just under 86%, what they reached)
HELDOUT3_FLOORS = {"anniversary": 0.80, "breakdown": 0.80, "grim": 0.95, "growth": 0.90, "multiple": 0.90,
                   "part": 0.65, "per-unit": 0.90, "points": 0.90, "rate": 0.80, "restatement": 0.65,
                   "shares": 0.90}
# the fourth set (heldout4), written in session 6 apart from the code and measured once at that
# session's end (64%); studied in session 7 to decide what to fix: these floors guard the fixes
# (just under the 88% it reached)
HELDOUT4_FLOORS = {"anniversary": 0.65, "breakdown": 0.95, "grim": 0.90, "growth": 0.95, "multiple": 0.95,
                   "part": 0.90, "per-unit": 0.95, "points": 0.90, "rate": 0.80, "restatement": 0.65,
                   "shares": 0.80}
# dev6, written in session 7 apart from the code (43% when first read), then studied
DEV6_FLOORS = {"anniversary": 0.45, "breakdown": 0.65, "growth": 0.80, "multiple": 0.70, "per-unit": 0.70,
               "points": 0.80, "rate": 0.80, "restatement": 0.25, "shares": 0.80}
# heldout5, written in session 7 apart from the code and never studied (but for its one false
# alarm, moved to the matrix): 48% at that session's start, 55% at its end; numbers only
HELDOUT5_FLOORS = {"anniversary": 0.55, "breakdown": 0.50, "grim": 0.75, "growth": 0.75, "multiple": 0.15,
                   "part": 0.80, "per-unit": 0.33, "points": 0.55, "rate": 0.75, "restatement": 0.40,
                   "shares": 0.33}
# dev7, written in session 8 apart from the code in less textbook phrasings: 43/96 and three
# false alarms when first measured, then studied (46/96 at session 8's end, 61/96 in session 9)
DEV7_FLOORS = {"breakdown": 0.50, "growth": 0.83, "multiple": 0.83, "part": 0.41, "per-unit": 0.83,
               "rate": 0.91, "restatement": 0.33, "shares": 0.58}
# dev8 (heldout6 until session 12): 42/80 and four false alarms when first measured at
# 9309b2e, then studied; these floors guard the fixes (50/80)
DEV8_FLOORS = {"breakdown": 0.50, "growth": 0.80, "multiple": 0.90, "part": 0.40, "per-unit": 0.60,
               "rate": 0.60, "restatement": 0.40, "shares": 0.80}
# each set's floors and the fewest cases a family holds there
FLOORS_OF = {"heldout": (HELDOUT_FLOORS, 11), "heldout2": (HELDOUT2_FLOORS, 15),
             "heldout3": (HELDOUT3_FLOORS, 12), "heldout4": (HELDOUT4_FLOORS, 11),
             "dev6": (DEV6_FLOORS, 12), "heldout5": (HELDOUT5_FLOORS, 12), "dev7": (DEV7_FLOORS, 12),
             "dev8": (DEV8_FLOORS, 10)}


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


@pytest.mark.parametrize("set_name", sorted(FLOORS_OF))
def test_heldout_consistent_texts_give_no_finding(measured_sets, set_name: str) -> None:
    """Every consistent text of a held-out set, its silent look-alikes too, stays silent."""
    _, _, misses = measured_sets[set_name]
    assert [line for lines in misses.values() for line in lines if "false alarm" in line] == []
