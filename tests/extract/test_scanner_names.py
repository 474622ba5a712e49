"""Numerals that are not quantities: hotlines, plan and programme names, ordinals, idioms.

None of them may come out as a count, money, percent or any other kind a numeric rule checks, or a
rule would cry wolf over 十件实事 against 十一件 done.
"""

from __future__ import annotations

import pytest

from checker.extract import QUANTITY_KINDS
from figure_helpers import figs

NON_QUANTITY = {"identifier", "name", "ordinal", "number", "year", "date"}



def quantities(text: str):
    return [(f.text, f.kind) for f in figs(text) if f.kind in QUANTITY_KINDS or f.kind == "duration"]


@pytest.mark.parametrize(
    "text",
    [
        # hotlines and phone numbers
        "拨打12351职工维权热线",
        "拨打“12351”",
        "12345政务服务便民热线",
        "电话0394-8888123",
        "规范提升12345热线服务",
        # plan and event names
        "十四五",
        "“十四五”规划",
        "十四五时期",
        "十四五期间",
        "“十五五”",
        "二七纪念塔",
        "五一劳动奖章",
        # programme names and slogans
        "八大群体",
        "“十件实事”",
        "十件民生实事",
        "20项民生实事",
        "“五大行动”",
        "5大行动",
        '"6+1"',
        "“6+1”产业体系",
        "“四个千万”",
        "三位一体",
        "五位一体",
        "两位数增长",
        "突破两位数",
        "两个确立",
        "四个意识",
        "五个一工程",
        "四个一批",
        "中央八项规定精神",
        "三次产业结构",
        "“3个95%”",
        "“两个10亿元”",
        # ordinals and congress sessions
        "第三届",
        "第一时间",
        "十九届六中全会",
        "二十届三中全会",
        "十七届四次执委会",
        "党的十九大",
        "党的二十大",
        "省委十二届七次、八次全会",
        "省第十四届人民代表大会第四次会议",
        "十四届人大五次会议",
        "居全国第2位",
        "第3-5名",
        # idioms
        "一系列",
        "一站式",
        "千家万户",
        "电视网络走近千家万户",  # 近 belongs to 走近, and 千家万户 is an idiom
        "万人助万企",
        "一带一路",
        "三番五次",
        "三天两头",
        "千方百计",
        "二次创业",
        "三个代表重要思想",
        "坚持两个结合",
        "统筹两个大局",
        "两个毫不动摇",
        # codes and technical names
        "5G基站",
        "PM2.5浓度",
        "PM_2.5年均浓度",
        "7×24小时",
        "国家5A级景区",
        "G219线",
        "地铁4号线",
        "《职工素质建设五年规划》",
        "《关于制定国民经济和社会发展第十五个五年规划的建议》",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert quantities(text) == []
    assert all(f.kind in NON_QUANTITY for f in figs(text)), [(f.text, f.kind) for f in figs(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("拨打12351职工维权热线", "identifier"),
        ("12345政务服务便民热线", "identifier"),
        ("电话0394-8888123", "identifier"),
        ("拨打“12351”", "name"),
        ("5G基站", "name"),
        ("第三届", "ordinal"),
        ("第一时间", "ordinal"),
        ("三位一体", "name"),
        ("两位数增长", "name"),
        ("跻身中国企业500强", "name"),  # a ranking's name, not 500 of anything
    ],
)
def test_non_quantity_kind(text: str, kind: str) -> None:
    (f,) = figs(text)
    assert f.kind == kind
    if kind == "ordinal":  # a rank keeps its value (第三届 -> 3); no rule counts with it
        assert f.value == f.lo == f.hi and f.value is not None and f.unit is None
    else:
        assert (f.value, f.lo, f.hi, f.unit) == (None, None, None, None)


def test_phone_is_one_identifier() -> None:
    (f,) = figs("电话0394-8888123")
    assert (f.text, f.kind) == ("0394-8888123", "identifier")


def test_session_numbers_are_ordinals() -> None:
    found = figs("十九届六中全会")
    assert [(f.text, f.kind) for f in found] == [("十九", "ordinal"), ("六", "ordinal")]


@pytest.mark.parametrize(
    ("text", "figure", "kind", "value"),
    [
        ("召开3次会议", "3次", "count", 3),  # meetings held, not a session number
        ("8个一级指标", "8个", "count", 8),
        ("建设3个大项目", "3个", "count", 3),
        ("两所大学", "两所", "count", 2),
        ("新增5个工作站", "5个", "count", 5),
        ("习近平总书记两次亲临视察", "两次", "count", 2),
    ],
)
def test_near_misses_stay_quantities(text: str, figure: str, kind: str, value: float) -> None:
    (f,) = figs(text)
    assert (f.text, f.kind, f.value) == (figure, kind, value)


def test_figure_after_a_name_is_still_counted() -> None:
    found = figs("“十四五”时期新建工会组织1200个")
    assert [(f.text, f.kind, f.value) for f in found if f.kind in QUANTITY_KINDS] == [
        ("1200个", "count", 1200)
    ]
