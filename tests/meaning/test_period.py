"""The Period type: its string forms (the JSON contract) and its comparisons."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.meaning.period import FORM_PATTERN, Period, year_for

FORMS = ["2025", "2021..2025", "2019..", "2025-03", "????-03", "2025-01..2025-11", "2025-Q1",
         "2025-H2", "2025-03-05", "????-02-29", "@2025-12-31", "@now", "@draft", "@R", "@R-4..@R",
         "@Y", "@Y-1", "@Y+1", "@Y..@Y+4"]


@pytest.mark.parametrize("form", FORMS)
def test_string_form_round_trips(form: str) -> None:
    import re

    assert str(Period.parse(form)) == form
    assert re.match(FORM_PATTERN, form)


@pytest.mark.parametrize("bad", ["", "2025年", "2025..2021x", "2025-13", "2025-Q5", "@2025", "2025-02-30", "@X",
                                 "@R-4..@Y"])
def test_not_a_period(bad: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(bad)


def test_comparisons() -> None:
    y2025, plan = Period.year(2025), Period.years(2021, 2025)
    assert y2025.same(Period.parse("2025")) and not y2025.same(plan)
    assert plan.contains(y2025) and not y2025.contains(plan)
    assert plan.overlaps(y2025) and not Period.year(2026).overlaps(plan)
    assert Period.quarter(2025, 1).overlaps(Period.month(2025, 3))
    # a year is not the instant at its end; the present of an undated draft is only itself
    assert not y2025.same(Period.asof(dt.date(2025, 12, 31)))
    assert Period.asof(None).same(Period.asof(None))
    assert not Period.asof(None).overlaps(Period.asof(None))
    # a date without its year compares with nothing
    assert not Period.parse("????-03-05").overlaps(Period.year(2025))
    assert Period.years(2025, 2021) == plan  # ends given in either order


def test_periods_an_undated_draft_knows_within_itself() -> None:
    reviewed, five_years, this_year = Period.parse("@R"), Period.parse("@R-4..@R"), Period.parse("@Y")
    assert reviewed.same(Period.relative("R", 0)) and five_years.contains(reviewed)
    assert five_years.overlaps(reviewed) and not reviewed.contains(five_years)
    # 过去一年 and 今年 of an undated draft may be one year or two: never the same
    assert not reviewed.same(this_year) and not reviewed.overlaps(this_year)
    assert not Period.parse("@Y-1").overlaps(this_year)
    # none is a known stretch of time, so none is matched across drafts
    assert all(p.local and not p.known and p.year_span() is None
               for p in (reviewed, five_years, this_year, Period.draft()))
    assert not reviewed.overlaps(Period.year(2025)) and not Period.draft().same(reviewed)


def test_year_of_a_date_written_without_one() -> None:
    assert year_for(4, 26, dt.date(2026, 2, 3)) == 2025
    assert year_for(1, 26, dt.date(2026, 2, 3)) == 2026
    assert year_for(2, None, dt.date(2026, 2, 3)) == 2026
