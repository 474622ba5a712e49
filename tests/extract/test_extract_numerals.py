"""Numerals: Arabic and Chinese values, scale words, and the precision of the last written digit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.extract.numerals import NotANumeral, arabic, chinese, lowest_place, next_step

from figure_helpers import figs, one




# -- numerals.py -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("1,234.5", Decimal("1234.5"), Decimal("0.1")),
        ("12,345,678", Decimal(12345678), Decimal(1)),
        ("0.80", Decimal("0.80"), Decimal("0.01")),
        ("92.1", Decimal("92.1"), Decimal("0.1")),
        ("4900", Decimal(4900), Decimal(1)),
    ],
)
def test_arabic(text: str, value: Decimal, precision: Decimal) -> None:
    assert arabic(text) == (value, precision)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("三", 3, 1),
        ("十", 10, 10),
        ("十九", 19, 1),
        ("一百二十", 120, 10),
        ("两", 2, 1),
        ("六千", 6000, 1000),
        ("二十万五千", 205000, 1000),
        ("一千零五", 1005, 1),
        ("百万", 1_000_000, 1_000_000),
        ("万亿", 10**12, 10**12),
        ("零", 0, 1),
    ],
)
def test_chinese(text: str, value: int, precision: int) -> None:
    assert chinese(text) == (Decimal(value), Decimal(precision))


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [("三点五", "3.5", "0.1"), ("零点五", "0.5", "0.1"), ("十二点三四", "12.34", "0.01")],
)
def test_chinese_decimals(text: str, value: str, precision: str) -> None:
    assert chinese(text) == (Decimal(value), Decimal(precision))


@pytest.mark.parametrize("text", ["百百", "万千", "十四五", "点五", "三点", "三点十"])
def test_not_a_numeral(text: str) -> None:
    with pytest.raises(NotANumeral):
        chinese(text)


def test_lowest_place_and_next_step() -> None:
    assert lowest_place(Decimal(4900)) == 100
    assert lowest_place(Decimal(0)) == 1
    assert lowest_place(Decimal("1.5")) == 1
    assert next_step(Decimal(4900), Decimal(1), Decimal(1)) == 5000
    assert next_step(Decimal(30), Decimal(1), Decimal(1)) == 40
    assert next_step(Decimal("1.1"), Decimal("0.1"), Decimal(10_000)) == 12_000
    assert next_step(Decimal(1), Decimal(1), Decimal(10_000)) == 20_000


# -- through extract() -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "precision"),
    [
        ("1,234.5元", "money", 1234.5, "元", 0.1),
        ("12,345,678元", "money", 12345678, "元", 1),
        ("3.14米", "measure", 3.14, "米", 0.01),
        ("三人", "count", 3, "人", 1),
        ("十人", "count", 10, "人", 10),
        ("十九人", "count", 19, "人", 1),
        ("一百二十人", "count", 120, "人", 10),
        ("两人", "count", 2, "人", 1),
        ("六千人", "count", 6000, "人", 1000),
        ("三点五万人", "count", 35000, "人", 1000),
        ("零点五个百分点", "percent", 0.5, "个百分点", 0.1),
    ],
)
def test_numeral_values(text: str, kind: str, value: float, unit: str, precision: float) -> None:
    f = one(text)
    assert (f.kind, f.unit, f.approx) == (kind, unit, "exact")
    assert f.value == pytest.approx(value)
    assert f.lo == f.hi == f.value
    assert f.precision == pytest.approx(precision)
    assert f.text == text


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "precision"),
    [
        ("65.9万人", "count", 659_000, "人", 1000),
        ("1.1亿元", "money", 110_000_000, "元", 10_000_000),
        ("6.66万亿元", "money", 6_660_000_000_000, "元", 10_000_000_000),
        ("3百万元", "money", 3_000_000, "元", 1_000_000),
        ("三百万元", "money", 3_000_000, "元", 1_000_000),
        ("1,000万元", "money", 10_000_000, "元", 10_000),
        ("1.50亿元", "money", 150_000_000, "元", 1_000_000),
        ("5千人", "count", 5000, "人", 1000),
        ("二十五万人", "count", 250_000, "人", 10_000),
        ("263亿美元", "money", 26_300_000_000, "美元", 100_000_000),
    ],
)
def test_scale_words_are_multiplied_out(text, kind, value, unit, precision) -> None:
    f = one(text)
    assert (f.kind, f.unit) == (kind, unit)
    assert f.value == value  # exact: Decimal arithmetic, 65.9万 is 659000, not 658999.99...
    assert f.precision == pytest.approx(precision)


def test_chinese_year() -> None:
    f = one("二〇三五年")
    assert (f.kind, f.value, str(f.period)) == ("year", 2035, "2035")
    f = one("二○三五年")  # a white circle for the zero, as typed in many drafts
    assert (f.kind, f.value, str(f.period)) == ("year", 2035, "2035")
    f = one("二零二五年")
    assert (f.kind, f.value) == ("year", 2025)


def test_unit_khilovolt_is_not_scale_thousand() -> None:
    f = one("750千伏")
    assert (f.kind, f.value, f.unit) == ("measure", 750, "千伏")


@pytest.mark.parametrize(
    ("text", "lo", "hi", "unit"),
    [
        ("三四个", 3, 4, "个"),
        ("两三天", 2, 3, "天"),
        ("五六十人", 50, 60, "人"),
        ("七八万人", 70_000, 80_000, "人"),
        ("一二百人", 100, 200, "人"),
        ("三五年", 3, 5, "年"),
        ("三四成", 30, 40, "%"),
    ],
)
def test_neighbouring_chinese_digits_are_a_vague_range(text, lo, hi, unit) -> None:
    # cn2an reads 三四 as 34; in a report it is "three or four"
    f = one(text)
    assert (f.approx, f.lo, f.hi, f.unit, f.value) == ("vague", lo, hi, unit, None)


@pytest.mark.parametrize("text", ["二七个", "九八人", "三四点五个"])
def test_digit_by_digit_chinese_is_no_amount(text: str) -> None:
    assert [f for f in figs(text) if f.value is not None] == []
