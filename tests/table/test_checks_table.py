"""The checks table: every relation the rules recomputed, validated as the contract between the
rules and the outputs (checker/table/schema.py, CheckTable)."""

from __future__ import annotations

import pytest

from checker.errors import ExtractorBug
from checker.rules.model import Check, Location
from checker.table import checks_frame

HERE = Location("d.txt", 10, 15, 1, 11, "", "96.2%")


def test_the_checks_of_a_draft_pass() -> None:
    frame = checks_frame([Check("ratio.rate", "consistent", "96.2%", "96.15", (HERE, HERE)),
                          Check("range.rate", "finding", "104%", None, (HERE,))])
    assert frame.height == 2 and frame["figures"].to_list() == [2, 1]


@pytest.mark.parametrize("check", [
    Check("ratio.rate", "maybe", "96.2%", None, (HERE,)),  # no such verdict
    Check("ratio.rate", "finding", "96.2%", None, ()),  # a check of no figure
    Check("Ratio Rate", "finding", "96.2%", None, (HERE,)),  # not a rule id
])
def test_a_broken_check_is_a_bug_not_a_finding(check: Check) -> None:
    with pytest.raises(ExtractorBug, match="checks that break"):
        checks_frame([check])


def test_no_checks_is_an_empty_table() -> None:
    assert checks_frame([]).height == 0
