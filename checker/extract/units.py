"""Measure words and units, and the kind of figure each makes."""

from __future__ import annotations

MONEY = ("美元", "港元", "港币", "欧元", "日元", "英镑", "元")
PERCENT = ("%", "‰", "个百分点", "百分点")
MULTIPLE = ("倍",)
DURATION = (
    "周年", "个工作日", "工作日", "个多小时", "个小时", "小时", "分钟", "个多月", "个月", "年", "天",
    "周", "秒",
)
MEASURE = (
    "万千瓦时", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "吨标准煤", "吨", "公斤", "千克", "克", "斤",
    "亩", "公顷", "平方公里", "平方千米", "平方米", "立方米", "公里", "千米", "延米", "米", "厘米",
    "毫米", "升", "标箱", "岁", "度", "千伏", "伏", "微克", "车道",
)
COUNT = (
    "人次", "人", "名", "位", "户次", "户", "家次", "家", "个", "项", "件", "起", "场次", "场", "次",
    "期", "批次", "批", "所", "座", "处", "条", "份", "张", "本", "套", "台套", "台", "辆次", "辆",
    "架次", "架", "艘", "只", "头", "匹", "间", "栋", "幢", "对", "组", "支", "队", "类", "种", "篇",
    "部", "册", "幅", "首", "门", "笔", "宗", "例", "床", "棵", "株", "口", "道", "根", "片", "块",
    "枚", "封", "单", "票", "轮", "页", "车次", "班次", "航次", "颗", "列", "款",
)

UNIT_KIND: dict[str, str] = {}
for _kind, _units in (
    ("money", MONEY), ("percent", PERCENT), ("multiple", MULTIPLE), ("duration", DURATION),
    ("measure", MEASURE), ("count", COUNT),
):
    for _u in _units:
        UNIT_KIND.setdefault(_u, _kind)
UNIT_KIND["成"] = "percent"  # 3成 = 30%

# Longest first, so that 人次 wins over 人 and 个百分点 over 个.
UNITS_BY_LENGTH = sorted(UNIT_KIND, key=len, reverse=True)
