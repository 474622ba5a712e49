"""Ranges, fractions, years and dates."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.source import Document

from figure_helpers import figs, one




# -- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "lo", "hi", "unit"),
    [
        ("3至5个", "count", 3, 5, "个"),
        ("3到5个", "count", 3, 5, "个"),
        ("3个-5个", "count", 3, 5, "个"),
        ("1.5万至2万元", "money", 15_000, 20_000, "元"),
        ("3至5万元", "money", 30_000, 50_000, "元"),  # the bare left numeral shares 万
        ("3~5万元", "money", 30_000, 50_000, "元"),
        ("3—5万元", "money", 30_000, 50_000, "元"),
        ("500至5万元", "money", 500, 50_000, "元"),  # 500 is no 500万: it already exceeds 5
        ("10%—15%", "percent", 10, 15, "%"),
        ("10%-15%", "percent", 10, 15, "%"),
        ("4.5%—5%", "percent", 4.5, 5, "%"),
        ("5-10%", "percent", 5, 10, "%"),
        ("3-5年", "duration", 3, 5, "年"),
        ("0—6岁", "measure", 0, 6, "岁"),
        ("5—10个百分点", "percent", 5, 10, "个百分点"),
        ("1万—2万亩", "measure", 10_000, 20_000, "亩"),
        ("-3%—-1%", "percent", -3, -1, "%"),
        # Chinese numerals: the bare left end must not vanish and leave an exact right end
        ("十至二十个", "count", 10, 20, "个"),
        ("三至五年", "duration", 3, 5, "年"),
        ("一至三年", "duration", 1, 3, "年"),
        ("三—五个工作日", "duration", 3, 5, "个工作日"),
        # 成 scales the left end too
        ("2至3成", "percent", 20, 30, "%"),
        ("两至三成", "percent", 20, 30, "%"),
        ("2成至3成", "percent", 20, 30, "%"),
    ],
)
def test_range(text: str, kind: str, lo: float, hi: float, unit: str) -> None:
    f = one(text)
    assert (f.kind, f.approx, f.lo, f.hi, f.unit, f.text, f.value) == (kind, "range", lo, hi, unit, text, None)


@pytest.mark.parametrize(
    ("text", "period"),
    [("2019—2022年", "2019..2022"), ("2019-2022年", "2019..2022"), ("2019年至2022年", "2019..2022")],
)
def test_year_range(text: str, period: str) -> None:
    f = one(text)
    assert (f.kind, f.approx, f.lo, f.hi, str(f.period)) == ("year", "range", 2019, 2022, period)


def test_reversed_year_range_keeps_lo_below_hi() -> None:
    f = one("2019—2013年")
    assert (f.lo, f.hi, str(f.period)) == (2013, 2019, "2013..2019")


@pytest.mark.parametrize("text", ["从100到200", "由100人到200人", "从1万人到2万人"])
def test_change_is_no_range(text: str) -> None:
    found = figs(text)
    assert len(found) == 2
    assert all(f.approx == "exact" for f in found)


def test_change_between_chinese_numerals_is_no_range() -> None:
    found = figs("从十到二十个")
    assert [(f.text, f.kind, f.approx) for f in found] == [("十", "number", "exact"), ("二十个", "count", "exact")]


def test_no_minus_before_a_chinese_numeral() -> None:
    assert [(f.text, f.value) for f in figs("二七-三个")] == [("三个", 3)]
    (f,) = figs("增长-2.1%")
    assert (f.text, f.value) == ("-2.1%", -2.1)


def test_numbers_without_unit_are_not_merged() -> None:
    # 2019-2022 without 年, 1-3: nothing says what the pair measures
    assert [f.approx for f in figs("1-3")] == ["exact", "exact"]


def test_ordinal_range_is_one_ordinal() -> None:
    # 第3-5名 ranks; the 5名 must not turn into a count of five people
    assert [(f.text, f.kind) for f in figs("第3-5名")] == [("第3-5名", "ordinal")]


# -- fractions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("六分之一", 1 / 6), ("三分之二", 2 / 3), ("十分之一", 0.1), ("万分之三", 0.0003), ("4分之1", 0.25)],
)
def test_fraction(text: str, value: float) -> None:
    f = one(text)
    assert f.kind == "fraction"
    assert f.value == pytest.approx(value)
    assert f.lo == f.hi == f.value


def test_zero_denominator_is_no_figure() -> None:
    assert [f for f in figs("0分之1") if f.kind == "fraction"] == []


# -- years and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        ("2021年", "2021年", 2021),
        ("2019年以来", "2019年", 2019),
        ("2035年远景目标", "2035年", 2035),
        ("2021年度", "2021年", 2021),
        ("二〇三五年", "二〇三五年", 2035),
    ],
)
def test_year(text: str, figure: str, year: int) -> None:
    f = one(text)
    assert (f.kind, f.text, f.value, f.lo, f.hi, str(f.period), f.unit) == (
        "year", figure, year, year, year, str(year), "年"
    )


def test_list_number_before_a_year() -> None:
    # "20.2026年10件民生实事": item 20 of a list; 20.2026 years is no reading
    found = figs("配套政策。 20.2026年10件民生实事")
    years = [f for f in found if f.kind == "year"]
    assert [(f.text, f.value) for f in years] == [("2026年", 2026)]
    assert all(f.kind != "duration" for f in found)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2013年10月18日", "2013-10-18"),
        ("4月26日", "????-04-26"),
        ("2026-02-03", "2026-02-03"),
        ("2026.02.03", "2026-02-03"),
        ("2026年2月", "2026-02"),
        ("3月份", "????-03"),
        ("5月1号", "????-05-01"),
    ],
)
def test_date(text: str, period: str) -> None:
    f = one(text)
    assert (f.kind, f.text, str(f.period), f.value) == ("date", text, period, None)


def test_date_without_year_completed_from_publication() -> None:
    import datetime as dt

    doc = Document(path="t.txt", text="4月26日", published=dt.date(2026, 2, 3))
    (f,) = extract(doc)
    assert str(f.period) == "2025-04-26"  # the latest 26 April not after publication
    doc = Document(path="t.txt", text="1月26日", published=dt.date(2026, 2, 3))
    (f,) = extract(doc)
    assert str(f.period) == "2026-01-26"


@pytest.mark.parametrize("text", ["13月", "2026年13月", "2026-13-01"])
def test_month_thirteen_is_no_date(text: str) -> None:
    assert all(f.kind != "date" for f in figs(text))


def test_year_before_an_impossible_month_is_kept() -> None:
    assert [(f.text, f.kind, str(f.period)) for f in figs("2026年13月")] == [("2026年", "year", "2026")]


def test_number_before_a_date_stays_apart() -> None:
    found = figs("7 2013年10月18日")
    assert [(f.text, f.kind) for f in found] == [("7", "number"), ("2013年10月18日", "date")]
    assert str(found[1].period) == "2013-10-18"
