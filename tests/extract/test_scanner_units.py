"""Measure words and units, and the kind of figure each one makes."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.source import Document

from figure_helpers import one



@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("5人", "count", 5, "人"),
        ("5人次", "count", 5, "人次"),  # the longer unit wins
        ("5户", "count", 5, "户"),
        ("5家", "count", 5, "家"),
        ("5个", "count", 5, "个"),
        ("5项", "count", 5, "项"),
        ("5件", "count", 5, "件"),
        ("5元", "money", 5, "元"),
        ("5万元", "money", 50_000, "元"),
        ("5亿元", "money", 500_000_000, "元"),
        ("5%", "percent", 5, "%"),
        ("5‰", "percent", 5, "‰"),
        ("百分之十五", "percent", 15, "%"),
        ("百分之百", "percent", 100, "%"),
        ("百分之三十五点二", "percent", 35.2, "%"),
        ("5个百分点", "percent", 5, "个百分点"),
        ("3成", "percent", 30, "%"),
        ("七成", "percent", 70, "%"),
        ("2倍", "multiple", 2, "倍"),
        ("两倍", "multiple", 2, "倍"),
        ("5亩", "measure", 5, "亩"),
        ("5公里", "measure", 5, "公里"),
        ("5吨", "measure", 5, "吨"),
        ("5平方公里", "measure", 5, "平方公里"),
        ("5个工作日", "duration", 5, "个工作日"),
        ("7天", "duration", 7, "天"),
        ("5年", "duration", 5, "年"),
        ("3个月", "duration", 3, "个月"),
        ("20周年", "duration", 20, "周年"),
    ],
)
def test_unit_and_kind(text: str, kind: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.kind, f.unit, f.text) == (kind, unit, text)
    assert f.value == pytest.approx(value)


def test_percent_in_words_has_unit_precision() -> None:
    f = one("百分之十五")
    assert f.precision == 1
    f = one("百分之三十五点二")
    assert f.precision == pytest.approx(0.1)


def test_cheng_is_ten_percent_steps() -> None:
    f = one("3成")
    assert (f.value, f.lo, f.hi, f.precision) == (30, 30, 30, 10)


@pytest.mark.parametrize(
    ("text", "figure", "kind", "approx", "value"),
    [
        ("超3成的企业", "超3成", "percent", "over", 30),
        ("5成以上", "5成以上", "percent", "over", 50),
        ("3成左右", "3成左右", "percent", "about", 30),
    ],
)
def test_cheng_before_words_that_cannot_glue(text, figure, kind, approx, value) -> None:
    f = one(text)
    assert (f.text, f.kind, f.approx, f.value) == (figure, kind, approx, value)


@pytest.mark.parametrize("text", ["3成员", "其中八成为民营企业"])
def test_cheng_starting_a_word_is_no_percent(text: str) -> None:
    # 成员, 成为, 成本: where 成 starts the next word it is no unit, so no percent is claimed
    assert all(f.kind != "percent" for f in extract(Document(path="t.txt", text=text)))


@pytest.mark.parametrize(("text", "figure", "approx", "value"), [
    ("全市超八成农民工签订了劳动合同", "超八成", "over", 80),
    ("新兴市场贡献约7成出口增量", "约7成", "about", 70),
    ("全市近四成企业建立了工会", "近四成", "under", 40),
])
def test_cheng_before_what_it_counts_is_a_share(text, figure, approx, value) -> None:
    f = one(text)
    assert (f.text, f.kind, f.approx, f.value) == (figure, "percent", approx, value)


def test_hours_with_duo_inside_the_unit() -> None:
    f = one("3个多小时")
    assert (f.kind, f.unit, f.approx, f.lo, f.hi) == ("duration", "小时", "more", 3, 4)
    f = one("3个多月")
    assert (f.kind, f.unit, f.approx, f.lo, f.hi) == ("duration", "个月", "more", 3, 4)


def test_decade_is_no_duration() -> None:
    found = extract(Document(path="t.txt", text="20世纪80年代"))
    assert all(f.kind != "duration" for f in found)


def test_step_is_no_machine() -> None:
    found = extract(Document(path="t.txt", text="迈上5万亿台阶"))
    assert [(f.text, f.kind, f.unit) for f in found] == [("5万亿", "number", None)]


def test_shared_list_unit() -> None:
    found = extract(Document(path="t.txt", text="分别达1.28万亿、1.18万亿元"))
    assert [(f.text, f.kind, f.unit, f.value) for f in found] == [
        ("1.28万亿", "money", "元", 1.28e12),
        ("1.18万亿元", "money", "元", 1.18e12),
    ]


def test_bare_number_has_no_unit() -> None:
    f = one("总数达到1400")
    assert (f.kind, f.unit, f.value) == ("number", None, 1400)
