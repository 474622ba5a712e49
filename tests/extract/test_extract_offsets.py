"""Offsets point into the author's original text, through normalization."""

from __future__ import annotations

import pytest

from figure_helpers import figs




def test_full_width_digits_keep_their_span() -> None:
    text = "增长１２．５％，达到３．７５万家"
    found = figs(text)
    assert [(f.text, f.start, f.end, f.value) for f in found] == [
        ("１２．５％", 2, 7, 12.5),
        ("３．７５万家", 10, 16, 37_500),
    ]
    assert found[0].kind == "percent"
    assert found[0].precision == pytest.approx(0.1)


def test_space_inside_a_figure() -> None:
    text = "全市共3.75 万家企业"
    (f,) = figs(text)
    assert (f.start, f.end, f.text) == (3, 10, "3.75 万家")
    assert text[f.start:f.end] == f.text
    assert (f.kind, f.value, f.unit) == ("count", 37_500, "家")


def test_line_breaks_inside_a_figure() -> None:
    text = "服务职工逾1400\n\n万人次。"
    (f,) = figs(text)
    assert (f.start, f.end) == (4, 14)
    assert f.text == "逾1400\n\n万人次"
    assert text[f.start:f.end] == f.text
    assert (f.kind, f.value, f.lo, f.hi, f.approx, f.unit) == (
        "count", 14_000_000, 14_000_000, None, "over", "人次"
    )
    assert (f.line, f.column) == (1, 5)


def test_crlf_inside_a_figure() -> None:
    text = "达到1400\r\n万人次"
    (f,) = figs(text)
    assert f.text == "1400\r\n万人次"
    assert f.value == 14_000_000


def test_line_break_after_an_opening_marker() -> None:
    text = "服务职工逾\n1400万人次"
    (f,) = figs(text)
    assert f.text == "逾\n1400万人次"
    assert (f.approx, f.lo, f.hi) == ("over", 14_000_000, None)


def test_spaces_around_the_numeral() -> None:
    text = "建议 16 万件，从 2012 年起"
    found = figs(text)
    assert [(f.text, f.start, f.end) for f in found] == [("16 万件", 3, 8), ("2012 年", 11, 17)]


def test_number_before_a_date_keeps_apart() -> None:
    text = "7 2013年10月18日 星期五"
    found = figs(text)
    assert [(f.text, f.start, f.end, f.kind) for f in found] == [
        ("7", 0, 1, "number"),
        ("2013年10月18日", 2, 13, "date"),
    ]


def test_line_and_column_are_one_based_code_points() -> None:
    text = "第一行\n共有 16 万件\n\n  增长5%"
    found = figs(text)
    by_text = {f.text: f for f in found}
    f = by_text["16 万件"]
    assert (f.line, f.column, f.start) == (2, 4, 7)
    f = by_text["5%"]
    assert (f.line, f.column) == (4, 5)
    assert text[f.start:f.end] == "5%"


def test_astral_characters_count_as_one_code_point() -> None:
    text = "😀𠀀\n3万人"
    (f,) = figs(text)
    assert (f.start, f.end, f.line, f.column) == (3, 6, 2, 1)


def test_trailing_white_space_is_not_part_of_a_figure() -> None:
    text = "共3万人 \n其中"
    (f,) = figs(text)
    assert f.text == "3万人"


@pytest.mark.parametrize(
    "text",
    [
        "共3.75 万家，逾1400\n\n万人次，其中１２．５％为女职工；\u3000３　万人次参加培训。",
        "2013 年 10 月 18 日，建议 16 万件、超 3000 万人次；约 500 人 左右",
        "\n\n7 2013年10月18日 星期五\n\n新建工会组织4900余户\n",
    ],
)
def test_every_span_is_the_original_surface(text: str) -> None:
    found = figs(text)
    assert found
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert f.text == f.text.strip()
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
