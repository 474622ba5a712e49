"""find_region: the province and city a draft is about, only when they clearly dominate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.source.region import CITY_PROVINCE, MUNICIPALITIES, PROVINCES, find_region

REPO = Path(__file__).resolve().parents[2]
FILLER = "各级工会坚持以职工为中心，扎实推进各项工作。"


def _shared() -> Path:
    """The shared corpus beside the repository, or FIGCHECK_SHARED."""
    return Path(os.environ.get("FIGCHECK_SHARED") or REPO.parent / "shared")


def test_table_has_all_34_divisions_and_known_cities_map_into_it() -> None:
    assert len(PROVINCES) == 34
    assert len({full for full, _, _ in PROVINCES}) == 34
    fulls = {full for full, _, _ in PROVINCES}
    assert MUNICIPALITIES <= fulls
    assert set(CITY_PROVINCE.values()) <= fulls
    henan = {city for city, province in CITY_PROVINCE.items() if province == "河南省"}
    assert henan >= set("郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店".split())


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_c7628a4204b6f126.txt", ("河南省", "周口市")),
        ("001_d8d44239551427c6.txt", ("河南省", None)),
        ("002_fc2b4df85566778c.txt", ("河南省", "郑州市")),
        # National round-up from 工人日报; its briefs name 陕西 three times and any other province at
        # most once, which the rule reads as a 陕西 article. No city reaches three mentions.
        ("003_79a90526e3316310.txt", ("陕西省", None)),
        ("004_b8fdcb3e64893ddf.txt", ("河南省", "漯河市")),
    ],
)
def test_seeds(seed: str, expected: tuple[str | None, str | None]) -> None:
    assert find_region((REPO / "seeds" / seed).read_text(encoding="utf-8")) == expected


def _corpus_cases() -> list[tuple[str, str]]:
    meta = _shared() / "corpus" / "gwr2026" / "meta.json"
    if not meta.is_file():
        return []
    return [(e["file"], e["province"]) for e in json.loads(meta.read_text(encoding="utf-8"))]


_NO_CORPUS = pytest.param("", "", marks=pytest.mark.skip(reason="shared corpus not found"))


@pytest.mark.parametrize(("name", "province"), _corpus_cases() or [_NO_CORPUS])
def test_provincial_reports_resolve_to_their_province(name: str, province: str) -> None:
    text = (_shared() / "corpus" / "gwr2026" / name).read_text(encoding="utf-8")
    # A provincial report names its capital often but its province more: it is about the province.
    city = province if province in MUNICIPALITIES else None
    assert find_region(text) == (province, city)


def test_corpus_has_all_15_reports() -> None:
    if not _corpus_cases():
        pytest.skip("shared corpus not found")
    assert len(_corpus_cases()) == 15


def test_short_names_count_and_abbreviations_do_not() -> None:
    assert find_region("河南经济" + FILLER + "河南省的职工" + FILLER) == ("河南省", None)
    assert find_region(("豫" + FILLER) * 5) == (None, None)


def test_one_mention_is_not_enough() -> None:
    assert find_region("河南省" + FILLER * 5) == (None, None)


@pytest.mark.parametrize(
    ("henan", "hebei", "expected"), [(3, 2, None), (4, 2, "河南省"), (6, 0, "河南省")]
)
def test_province_must_lead_by_twice(henan: int, hebei: int, expected: str | None) -> None:
    text = ("河南" + FILLER) * henan + ("河北" + FILLER) * hebei
    assert find_region(text)[0] == expected


def test_national_round_up_names_no_province() -> None:
    text = "".join(name + FILLER for name in ["北京", "河南", "陕西", "广东", "四川", "新疆"])
    assert find_region(text) == (None, None)


def test_names_are_scanned_left_to_right_longest_first() -> None:
    # "浙江西部" is 浙江 + 西部, never 江西; "河南省" counts once, not as 河南 and again.
    assert find_region(("浙江西部" + FILLER) * 3) == ("浙江省", None)
    assert find_region("河南省" + FILLER * 3) == (None, None)


def test_known_city_counts_bare_and_gives_its_province() -> None:
    assert find_region(("现代化漯河" + FILLER) * 3) == ("河南省", "漯河市")


def test_municipality_is_province_and_city() -> None:
    assert find_region("上海市" + FILLER + "上海" + FILLER) == ("上海市", "上海市")


def test_city_named_less_than_its_province_is_dropped() -> None:
    text = ("河南" + FILLER) * 10 + ("郑州" + FILLER) * 4
    assert find_region(text) == ("河南省", None)


def test_city_needs_three_mentions_and_a_clear_lead() -> None:
    assert find_region(("周口" + FILLER) * 2) == (None, None)
    assert find_region(("周口" + FILLER) * 3 + ("商丘" + FILLER) * 2) == (None, None)
    assert find_region(("周口" + FILLER) * 4 + ("商丘" + FILLER) * 2) == ("河南省", "周口市")


def test_unlisted_city_is_found_from_its_own_name() -> None:
    # 张家口 is not in the table: three characters, taken whole because the comma fixes its start.
    text = "，张家口市总工会召开全委会。" + ("带领张家口市" + FILLER) * 2
    assert find_region(text) == (None, "张家口市")
    assert find_region(text + "河北省" + FILLER + "河北" + FILLER) == ("河北省", "张家口市")


@pytest.mark.parametrize(
    "phrase", ["智慧城市", "国际都市", "新增上市", "大型超市", "农贸市场", "县级市", "设区市", "边民互市", "各县市"]
)
def test_generic_words_with_shi_are_not_cities(phrase: str) -> None:
    assert find_region(("，" + phrase + FILLER) * 3) == (None, None)


def test_phrases_before_shi_without_a_clear_start_are_not_cities() -> None:
    # "紧紧围绕市委": 市 starts 市委 here, and nothing marks where a name would begin.
    assert find_region(("紧紧围绕市委" + FILLER) * 5) == (None, None)


@pytest.mark.parametrize("text, expected", [
    # an organisation in the head names the draft's region once and outright
    ("河南省总工会召开十五届三次全委会议\n会议总结了一年来的工作。", ("河南省", None)),
    ("郑州市总工会举办职工技能大赛\n来自各行业的选手参赛。", ("河南省", "郑州市")),
    ("云南省人民政府关于印发行动方案的通知\n各州、市人民政府：", ("云南省", None)),
    # even when another region is named more often after it
    ("洛阳市总工会赴郑州学习\n在郑州，郑州市总工会介绍了郑州的做法，郑州市的经验值得借鉴。", ("河南省", "洛阳市")),
])
def test_an_organisation_in_the_head_names_the_region(text, expected) -> None:
    assert find_region(text) == expected


def test_an_organisation_named_late_in_the_draft_does_not_decide() -> None:
    text = "职工之家建设经验交流\n" + "各地工会开展了丰富的活动。" * 40 + "河南省总工会介绍了经验。"
    assert find_region(text) == (None, None)
