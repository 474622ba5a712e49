"""The figures table (polars) and its pandera contract: what passes, and each check that fails."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from checker.check import check_text
from checker.errors import ExtractorBug
from checker.rules import load_rules
from checker.table import figures_frame

TEXT = "2021年，全省新建工会6016家，新发展会员65.9万人，建制率92.1%，帮扶4900余户近1万人。"


@pytest.fixture(scope="module")
def figures():
    return check_text(TEXT, load_rules()).extraction.figures


def test_figures_validate_as_a_typed_table(figures) -> None:
    table = figures_frame(figures)
    assert isinstance(table, pl.DataFrame) and table.height == len(figures) >= 6
    assert table.schema["value"] == pl.Float64 and table.schema["start"] == pl.Int64
    approx = dict(zip(table["text"], table["approx"]))
    assert approx["4900余户"] == "more" and approx["近1万人"] == "under"
    assert table.filter(pl.col("text") == "近1万人")["lo"].is_null().all()  # open below
    assert figures_frame([]).height == 0  # a draft without figures is a valid, empty table


def _quantity(figures, text):
    return next(f for f in figures if f.text == text)


@pytest.mark.parametrize(("change", "message"), [
    ({"lo": 7000.0, "hi": 6000.0}, "lo must not exceed hi"),
    ({"value": 9999.0}, "an exact quantity's value lies in its interval"),
    ({"end": 0}, "greater_than_or_equal_to(1)"),
    ({"kind": "amount"}, "isin"),
    ({"text": ""}, "str_length"),
    ({"precision": 0.0}, "greater_than(0)"),
])
def test_each_broken_field_is_an_extractor_bug(figures, change, message) -> None:
    broken = dataclasses.replace(_quantity(figures, "6016家"), **change)
    with pytest.raises(ExtractorBug, match="break their own table schema") as err:
        figures_frame([broken, *figures])
    assert message in str(err.value)


def test_an_approximate_value_may_lie_outside_its_interval(figures) -> None:
    about = dataclasses.replace(_quantity(figures, "6016家"), approx="about", value=9999.0)
    assert figures_frame([about]).height == 1
