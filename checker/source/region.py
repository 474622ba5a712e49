"""Which province and city a draft is about, from how often it names them.

Rules compare figures "for the same region"; a draft about 周口市 that says "全市" means 周口市.
A place counts only when it clearly dominates: a national round-up that names ten provinces once
each is about none of them.
"""

from __future__ import annotations

import re
from collections import Counter

# The 34 provincial-level divisions: full name, short name, one-character abbreviation.
# The abbreviation is never matched (豫, 京, 新, 宁 ... are ordinary words far more often);
# it is kept so the table is the complete reference other stages can display from.
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("北京市", "北京", "京"),
    ("天津市", "天津", "津"),
    ("上海市", "上海", "沪"),
    ("重庆市", "重庆", "渝"),
    ("河北省", "河北", "冀"),
    ("山西省", "山西", "晋"),
    ("辽宁省", "辽宁", "辽"),
    ("吉林省", "吉林", "吉"),
    ("黑龙江省", "黑龙江", "黑"),
    ("江苏省", "江苏", "苏"),
    ("浙江省", "浙江", "浙"),
    ("安徽省", "安徽", "皖"),
    ("福建省", "福建", "闽"),
    ("江西省", "江西", "赣"),
    ("山东省", "山东", "鲁"),
    ("河南省", "河南", "豫"),
    ("湖北省", "湖北", "鄂"),
    ("湖南省", "湖南", "湘"),
    ("广东省", "广东", "粤"),
    ("海南省", "海南", "琼"),
    ("四川省", "四川", "川"),
    ("贵州省", "贵州", "黔"),
    ("云南省", "云南", "滇"),
    ("陕西省", "陕西", "陕"),
    ("甘肃省", "甘肃", "甘"),
    ("青海省", "青海", "青"),
    ("台湾省", "台湾", "台"),
    ("内蒙古自治区", "内蒙古", "蒙"),
    ("广西壮族自治区", "广西", "桂"),
    ("西藏自治区", "西藏", "藏"),
    ("宁夏回族自治区", "宁夏", "宁"),
    ("新疆维吾尔自治区", "新疆", "新"),
    ("香港特别行政区", "香港", "港"),
    ("澳门特别行政区", "澳门", "澳"),
)
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})

# Cities whose province is known, by short name: all of 河南 (the seeds' province), every
# provincial capital, the sub-provincial cities, and cities whose last character would otherwise
# be read as a generic word (盐城 as 城市, 江门 as 门市).
CITY_PROVINCE: dict[str, str] = {
    **dict.fromkeys(
        ("郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河",
         "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "济源"),
        "河南省",
    ),
    "石家庄": "河北省", "太原": "山西省", "沈阳": "辽宁省", "大连": "辽宁省", "长春": "吉林省",
    "哈尔滨": "黑龙江省", "南京": "江苏省", "杭州": "浙江省", "宁波": "浙江省", "合肥": "安徽省",
    "福州": "福建省", "厦门": "福建省", "南昌": "江西省", "济南": "山东省", "青岛": "山东省",
    "武汉": "湖北省", "长沙": "湖南省", "广州": "广东省", "深圳": "广东省", "海口": "海南省",
    "成都": "四川省", "贵阳": "贵州省", "昆明": "云南省", "西安": "陕西省", "兰州": "甘肃省",
    "西宁": "青海省", "台北": "台湾省", "呼和浩特": "内蒙古自治区", "南宁": "广西壮族自治区",
    "拉萨": "西藏自治区", "银川": "宁夏回族自治区", "乌鲁木齐": "新疆维吾尔自治区",
    "盐城": "江苏省", "聊城": "山东省", "运城": "山西省", "晋城": "山西省", "江门": "广东省",
    "荆门": "湖北省",
}

MIN_PROVINCE_MENTIONS = 2
MIN_CITY_MENTIONS = 3
DOMINANCE = 2  # the winner needs this many times the runner-up's mentions

# Every province and known-city name, longest first so "河南省" is one mention, not "河南" + rest,
# and a scan from the left reads "浙江西部" as 浙江, not 江西.
_PLACE_OF: dict[str, tuple[str, str]] = {}
for _full, _short, _abbr in PROVINCES:
    _PLACE_OF[_full] = _PLACE_OF[_short] = ("province", _full)
for _city in CITY_PROVINCE:
    _PLACE_OF[_city] = ("city", _city)
_PLACES = re.compile("|".join(sorted(_PLACE_OF, key=len, reverse=True)))

# "X市" that is a word of its own (城市, 全市, 上市, 地级市, 设区市, 互市 ...) and "市X" (市场,
# 市县, 市值): not a city.
_GENERIC_BEFORE = "城全本我各该市上超都门股县区省级的夜闹集菜早楼车黑开退入互"
_GENERIC_AFTER = "场县值"
# Characters that start a phrase, not a city name ("全漯河市", "在郑州市", "各县市").
_NOT_FIRST = "全本我各该每两省县区在于到的和与及对为由从向是把将被了赴来往"
# A city name whose start is certain: after punctuation, a space or a line break, or right after
# a preposition of place (在, 位于, 来到, 走进, 赴, 前往). Chinese has no word breaks, so
# "带领周口市" alone cannot tell 周口 from 领周口 (nor "2013年周口市" 周口 from 年周口).
_NAMED_CITY = re.compile(
    rf"(?:(?<![\u4e00-\u9fff0-9A-Za-z])|(?<=[在于到进赴往]))(?![{_NOT_FIRST}])"
    rf"((?:(?!市)[\u4e00-\u9fff]){{1,2}}(?![{_GENERIC_BEFORE}])[\u4e00-\u9fff])"
    rf"市(?![{_GENERIC_AFTER}])"
)


HEAD_CHARS = 400  # the title and lead, where an organisation names the draft's own region


def _organisation(text: str) -> tuple[str, str] | None:
    """("province" | "city", full name) of an organisation named in the draft's head with its
    region: 河南省总工会, 郑州市总工会. It says whose the draft is outright, however often other
    places are named."""
    from checker.lang import alternation, data

    orgs = alternation(data("scope")["organisations"])
    m = re.search(rf"({_PLACES.pattern})(省|市|自治区)?(?:{orgs})", text[:HEAD_CHARS])
    if not m:
        return None
    kind, name = _PLACE_OF[m.group(1)]
    return kind, name


def find_region(text: str) -> tuple[str | None, str | None]:
    """(province, city) the draft is about, full names such as ("河南省", "周口市"); None if unclear.
    An organisation in the head (河南省总工会) decides; else the place named most."""
    org = _organisation(text)
    if org is not None:
        kind, name = org
        if kind == "province":
            return name, (name if name in MUNICIPALITIES else None)
        return CITY_PROVINCE.get(name), name + "市"
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    for match in _PLACES.finditer(text):
        kind, name = _PLACE_OF[match.group()]
        (provinces if kind == "province" else cities)[name] += 1
    cities.update(_other_cities(text))

    province = _dominant(provinces, MIN_PROVINCE_MENTIONS)
    if province in MUNICIPALITIES:
        return province, province
    city = _dominant(cities, MIN_CITY_MENTIONS)
    if city is None or (province is not None and cities[city] < provinces[province]):
        # Named less often than its province: the draft is about the province (a provincial
        # report names its capital often, but far less than the province).
        return province, None
    return province or CITY_PROVINCE.get(city), city + "市"


def _dominant(counts: Counter[str], minimum: int) -> str | None:
    """The most-named place if it is named often enough and clearly more than any other."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) == 2 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def _other_cities(text: str) -> Counter[str]:
    """Mentions of "XX市" for cities not in the table, keyed by name without 市.

    A name counts once it has been seen with a certain start; then every "name市" counts, wherever
    it stands.
    """
    names = {match[1] for match in _NAMED_CITY.finditer(text)} - _PLACE_OF.keys()
    return Counter(
        {name: len(re.findall(rf"{name}市(?![{_GENERIC_AFTER}])", text)) for name in names}
    )
