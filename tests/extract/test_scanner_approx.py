"""Approximation markers and the interval semantics of DESIGN.md (a contract).

more (余/多): [X, X + one step of the last written non-zero digit), so lo = X, hi = the step above;
over (超/超过/逾/以上/突破): lo = X, hi open; under (近/不到/不足/以内/以下): lo open, hi = X;
about (约/左右/上下): lo < X < hi; vague (数十, 十几, 上百): bounds only, no value.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.source import Document

from figure_helpers import one



@pytest.mark.parametrize(
    ("text", "lo", "hi", "unit"),
    [
        ("4900余户", 4900, 5000, "户"),
        ("30多万人次", 300_000, 400_000, "人次"),
        ("十余项", 10, 20, "项"),
        ("十多个", 10, 20, "个"),
        ("30余个", 30, 40, "个"),
        ("二十多个", 20, 30, "个"),
        ("三十余人", 30, 40, "人"),
        ("两千余人", 2000, 3000, "人"),
        ("百余人", 100, 200, "人"),
        ("千余家", 1000, 2000, "家"),
        ("万余人", 10_000, 20_000, "人"),
        ("1.1万余人", 11_000, 12_000, "人"),
        ("1万余人", 10_000, 20_000, "人"),
        ("1.5万多人", 15_000, 16_000, "人"),
        ("2.3万余户", 23_000, 24_000, "户"),
        ("100余万元", 1_000_000, 2_000_000, "元"),
        ("1200余万人次", 12_000_000, 13_000_000, "人次"),
        ("5亿多元", 500_000_000, 600_000_000, "元"),
    ],
)
def test_more(text: str, lo: float, hi: float, unit: str) -> None:
    f = one(text)
    assert (f.approx, f.lo, f.hi, f.value, f.unit) == ("more", lo, hi, lo, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("超3000万人次", 30_000_000, "人次"),
        ("超过500人", 500, "人"),
        ("逾500人", 500, "人"),
        ("500人以上", 500, "人"),
        ("突破500人", 500, "人"),
        ("超百亿元", 10_000_000_000, "元"),
        ("多于3个", 3, "个"),
        ("高于5%", 5, "%"),
        ("不少于100万批次", 1_000_000, "批次"),  # 不少于: at least, not 少于
        ("不低于98%", 98, "%"),  # 不低于: at least, not 低于
    ],
)
def test_over(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.approx, f.lo, f.hi, f.value, f.unit, f.text) == ("over", value, None, value, unit, text)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("近1万人", 10_000, "人"),
        ("不到500人", 500, "人"),
        ("不足500人", 500, "人"),
        ("500人以内", 500, "人"),
        ("500人以下", 500, "人"),
        ("将近500人", 500, "人"),
        ("接近80%", 80, "%"),
        ("近千名", 1000, "名"),
        ("近三成", 30, "%"),
        ("少于5万名", 50_000, "名"),
        ("低于50%", 50, "%"),
        ("不超过3000元", 3000, "元"),  # 不超过: at most, not 超过
        ("不超3000元", 3000, "元"),
        ("不高于5%", 5, "%"),
        ("不多于3个", 3, "个"),
    ],
)
def test_under(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.approx, f.lo, f.hi, f.value, f.unit, f.text) == ("under", None, value, value, unit, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("约500人", 500), ("500人左右", 500), ("500人上下", 500), ("大约500人", 500), ("约5%左右", 5)],
)
def test_about(text: str, value: float) -> None:
    f = one(text)
    assert f.approx == "about"
    assert f.value == value
    assert f.lo < value < f.hi


def test_about_is_at_least_one_written_digit_wide() -> None:
    f = one("约0.5%")
    assert f.lo == pytest.approx(0.4)
    assert f.hi == pytest.approx(0.6)


def test_shangxia_before_you_is_no_marker() -> None:
    found = extract(Document(path="t.txt", text="带动500家上下游企业"))
    assert [(f.text, f.approx) for f in found] == [("500家", "exact")]


@pytest.mark.parametrize(
    ("text", "lo", "hi", "unit"),
    [
        ("数十场", 20, 99, "场"),
        ("几十个", 20, 99, "个"),
        ("数百家", 200, 999, "家"),
        ("几百人", 200, 999, "人"),
        ("数万人", 20_000, 99_999, "人"),
        ("几十万人", 200_000, 999_999, "人"),
        ("十几页", 11, 19, "页"),
        ("二十几个", 21, 29, "个"),
        ("十几万人", 110_000, 199_999, "人"),
        ("上百人", 100, None, "人"),
        ("上千家", 1000, None, "家"),
        ("上万人", 10_000, None, "人"),
        ("上亿元", 100_000_000, None, "元"),
    ],
)
def test_vague(text: str, lo: float, hi: float | None, unit: str) -> None:
    f = one(text)
    assert (f.approx, f.lo, f.hi, f.value, f.unit) == ("vague", lo, hi, None, unit)


def test_vague_without_unit_is_no_figure() -> None:
    assert extract(Document(path="t.txt", text="数十")) == []


def test_recent_years_is_the_last_n_years() -> None:
    f = one("近两年来")
    assert (f.text, f.kind, f.approx, f.value) == ("近两年", "duration", "exact", 2)


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [("女性约占45%", "约占45%", 45), ("约为3万人", "约为3万人", 30_000), ("大约有500人", "大约有500人", 500)],
)
def test_about_with_a_verb_between(text: str, figure: str, value: float) -> None:
    # 约占45% is as approximate as 约45%: read as exact, shares could fail to add up
    f = one(text)
    assert (f.text, f.approx, f.value) == (figure, "about", value)
    assert f.lo < value < f.hi


@pytest.mark.parametrize(
    ("text", "figure"),
    [("签约30个项目", "30个"), ("附近3公里", "3公里"), ("制约3个", "3个")],
)
def test_marker_characters_inside_words_are_no_markers(text: str, figure: str) -> None:
    # 签约, 附近: the 约 and 近 belong to the word before
    f = one(text)
    assert (f.text, f.approx) == (figure, "exact")
    assert f.lo == f.hi == f.value


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("今年新入会的会员中，一半来自快递物流行业", 50, 50),
        ("半数企业开展了集体协商", 50, 50),
        ("过半数职工参加了培训", 50, None),
        ("其余四成为企业和农民专业合作社", 40, 40),
    ],
)
def test_words_for_shares(text: str, lo: float, hi: float | None) -> None:
    """一半 and 半数 are half (as 五成, precision ten points), 过半数 more than half; 四成为 after
    其余 is the share 四成 and 为."""
    [f] = [f for f in extract(Document(path="x", text=text)) if f.kind == "percent"]
    assert (f.lo, f.hi, f.unit) == (lo, hi, "%")


@pytest.mark.parametrize("text", ["比赛看谁先过半。", "全市八成为中小企业贡献。", "花了一半年时间"])
def test_words_that_are_no_shares(text: str) -> None:
    assert not [f for f in extract(Document(path="x", text=text)) if f.kind == "percent"]


def test_every_home_is_no_figure() -> None:
    """情暖千万家 is every home; 千万家庭 and 近千万家企业 are counts."""
    assert not [f for f in extract(Document(path="x", text="“双节”送温暖 情暖千万家")) if f.kind == "count"]
    assert [f.text for f in extract(Document(path="x", text="惠及近千万家企业")) if f.kind == "count"] == ["近千万家"]


@pytest.mark.parametrize("text", ["比三年前增长了2倍", "约为五年前（9.2亿元）的3倍"])
def test_years_ago_is_a_time_not_a_span(text: str) -> None:
    assert not [f for f in extract(Document(path="x", text=text)) if f.kind == "duration"]
