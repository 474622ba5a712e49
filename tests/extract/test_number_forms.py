"""The number forms a newsroom meets, read as a careful reader reads them: the case tables of
tests/extract/forms (input -> kind, value, interval, approx, unit; and what must yield no
quantity), written by hand before the code that reads them (their README says how).

Each case is a test. The cases figcheck does not read yet are listed in KNOWN_MISSES with the
reason, as strict expected failures: a change that reads one of them right must move it out of
the list, and a change that breaks any other case fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from number_forms import cases, judge, read  # noqa: E402

KNOWN_MISSES = {
    "comparators-30": "约 separated from its number by a verb (约重１２吨)",
    "mixed-13": "colloquial amounts without a measure word (只卖三千五)",
    "money-03": "colloquial money (三块五)",
    "money-16": "块钱 is read as its own unit, not as 元",
    "money-17": "colloquial money (两块八毛五)",
    "money-18": "毛 as a tenth of a yuan (5毛钱)",
    "not_figures-69": "a number ending a paragraph and 百 starting the next are joined: the seeds "
                      "have a layout break inside a figure (逾1400⏎⏎万人次) that must stay joined",
    "not_figures-70": "as not_figures-69",
    "not_figures-71": "as not_figures-69",
    "not_figures-72": "as not_figures-69 (the seeds' own case: the table reads it apart)",
    "ranges-15": "A与B之间 is not yet a range",
    "ranges-16": "大于A小于B is not yet one range",
    "ranges-23": "两到三片: a one-character numeral before 片 is blocked (三片森林)",
    "ranges-26": "the second day of a date span (3月19日至20日) is read as a number",
    "separators-01": "a full-width comma between digit groups (４，５６５人) is clause punctuation to us",
    "separators-14": "as separators-01",
}

CASES = [pytest.param(case, id=case["id"],
                      marks=[pytest.mark.xfail(reason=KNOWN_MISSES[case["id"]], strict=True)]
                      if case["id"] in KNOWN_MISSES else [])
         for _, case in cases()]


@pytest.mark.parametrize("case", CASES)
def test_number_form(case: dict) -> None:
    assert judge(case, read(case["text"])) == []


def test_the_tables_are_all_there() -> None:
    groups = {group for group, _ in cases()}
    assert len(CASES) >= 350 and len(groups) == 15
    assert set(KNOWN_MISSES) <= {case["id"] for _, case in cases()}
