"""normalize(): full-width folding, white space inside figures, and the map back to the original."""

from __future__ import annotations

import pytest

from checker.normalize import normalize


def _map_ok(original: str) -> None:
    """Every normalized character comes from the original character the map points at."""
    norm = normalize(original)
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        src = original[o]
        assert src == ch or normalize(src).text == ch, (i, ch, o, src)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("增长１２．５％", "增长12.5%"),
        ("３．７５万家", "3.75万家"),
        ("１，２３４", "1，234"),  # the full-width comma is clause punctuation and stays
        ("（一）", "（一）"),  # full-width brackets stay
        ("全年：５％；", "全年：5%；"),  # full-width colon and semicolon stay
        ("３\u3000万人", "3万人"),  # ideographic space folded, then deleted inside the figure
        ("3\u00a0万人", "3万人"),  # no-break space
        ("3\u2009万人", "3万人"),  # thin space
        ("二〇三五年", "二〇三五年"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共3.75 万家", "共3.75万家"),  # digit, space, CJK
        ("建议 16 万件", "建议16万件"),  # CJK, space, digit and digit, space, CJK
        ("从 2012 年", "从2012年"),
        ("3\t万人", "3万人"),
        ("增长 5 %", "增长5%"),
        ("逾1400\n\n万人次", "逾1400万人次"),  # a layout break before what continues the figure
        ("达到1400\r\n万人次", "达到1400万人次"),
        ("1400 \n 万人", "1400万人"),
        ("逾\n1400万人", "逾1400万人"),  # a break after a marker that opens a figure
        ("超过\n3000万", "超过3000万"),
    ],
)
def test_white_space_inside_figures_removed(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "7 2013年10月18日",  # two numbers side by side stay apart
        "1400\n\n\n123",  # a break before another number
        "第一行\n第二行",  # no digits
        "abc 123",  # Latin, not CJK
        "会议\n2025年",  # a break after an ordinary word is a paragraph break
        "3\r万人",  # a lone carriage return is no line layout we know
        "3.\n5万",  # a list number at the end of a line
    ],
)
def test_white_space_between_figures_kept(text: str) -> None:
    assert normalize(text).text == text


def test_no_white_space_at_the_edges_is_removed() -> None:
    assert normalize(" 3万").text == " 3万"
    assert normalize("3万 ").text == "3万 "
    assert normalize("中 ").text == "中 "


def test_offset_map_points_past_deleted_white_space() -> None:
    original = "共3.75 万家，逾1400\n\n万人次"
    norm = normalize(original)
    assert norm.text == "共3.75万家，逾1400万人次"
    # "万" after the deleted space
    assert norm.to_original(norm.text.index("万")) == original.index("万")
    # the second figure, which spans a deleted double line break
    s = norm.text.index("逾")
    e = len(norm.text)
    assert norm.span(s, e) == (original.index("逾"), len(original))
    assert original[slice(*norm.span(s, e))] == "逾1400\n\n万人次"
    # a span that ends right before a deletion does not take the white space with it
    e1 = norm.text.index("万")
    assert norm.span(1, e1) == (1, 5)
    assert original[1:5] == "3.75"


def test_offsets_before_any_deletion_are_unchanged() -> None:
    original = "全年新增3 万人"
    norm = normalize(original)
    for i in range(5):
        assert norm.to_original(i) == i
    assert norm.to_original(5) == 6  # 万, after the deleted space


def test_empty_span_maps_to_a_point() -> None:
    norm = normalize("3 万")
    assert norm.span(1, 1) == (2, 2)


def test_map_is_consistent_over_mixed_text() -> None:
    _map_ok("第一行 3.75 万家\n\n逾1400\r\n万人次，\u3000３　万人，7 2013年，从 2012 年起，增长 5 ％")


def test_no_change_keeps_the_text() -> None:
    text = "全市职工人数达到65.9万人。"
    norm = normalize(text)
    assert norm.text == text
    assert norm.original == text
    assert norm.span(6, 13) == (6, 13)


# A traditional draft reads as a simplified one (OpenCC t2s), offsets unchanged.
@pytest.mark.parametrize("traditional, simplified", [
    ("全省新建工會6016家，新發展會員65.9萬人", "全省新建工会6016家，新发展会员65.9万人"),
    ("非公企業佔比達到七成", "非公企业占比达到七成"),
    ("幫扶困難職工4900餘戶", "帮扶困难职工4900余户"),
])
def test_traditional_drafts_read_as_simplified(traditional: str, simplified: str) -> None:
    n = normalize(traditional)
    assert n.text == simplified
    assert n.span(0, len(n.text)) == (0, len(traditional))


def test_a_simplified_draft_is_left_as_it_is() -> None:
    text = "乾隆年间的著作，干燥天气，全市新建工会组织618个。"
    assert normalize(text).text == text
