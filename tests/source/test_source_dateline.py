"""find_dateline: the draft's own date from its head or tail, never an event date from the body."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from checker.source.dateline import HEAD_CHARS, TAIL_CHARS, find_dateline

BODY = "全市各级工会坚持以职工为中心，扎实推进各项工作。"  # 24 characters, no date


def _shared() -> Path:
    """The shared corpus beside the repository, or FIGCHECK_SHARED."""
    beside_repo = Path(__file__).resolve().parents[2].parent / "shared"
    return Path(os.environ.get("FIGCHECK_SHARED") or beside_repo)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n\n7 2013年10月18日 星期五\n\n用不懈的努力推动郑州工会工作跨越式发展\n", dt.date(2013, 10, 18)),
        ("第3版　２０１３年１０月１８日　星期五\n标题\n", dt.date(2013, 10, 18)),
        ("2013年10月18日 农历九月十四 星期五\n标题\n", dt.date(2013, 10, 18)),
        ("2024年1月8日周一\n标题\n", dt.date(2024, 1, 8)),
        ("标题\n来源：吉林日报\n时间：2026-02-01\n省长 胡玉亭\n", dt.date(2026, 2, 1)),
        ("标题\n时间:2026-02-03\n", dt.date(2026, 2, 3)),
        ("标题\n发布时间：2026年2月3日\n正文", dt.date(2026, 2, 3)),
        ("标题\n日期：2026/2/3\n正文", dt.date(2026, 2, 3)),
        ("标题\n来源：人民网 更新时间：２０２６－０２－０５\n", dt.date(2026, 2, 5)),
        ("宁夏要闻\n发表时间：\n2026-02-09 09:45:30\n来源：\n", dt.date(2026, 2, 9)),
        ("2026年政府工作报告\n来源：云南日报\n2026-02-03 09:02:33\n【字体：\n", dt.date(2026, 2, 3)),
        ("关于做好春节期间工作的通知\r\n2026-01-20\r\n各县区：\r\n", dt.date(2026, 1, 20)),
        ("本报讯（2024年9月20日）该矿建矿于1964年。", dt.date(2024, 9, 20)),
        ("标题\n本报讯（记者 张三 2024年9月20日）全市各级工会……", dt.date(2024, 9, 20)),
        ("标题\n本报讯（记者 李明）2021年9月12日，市总工会举行座谈会。", dt.date(2021, 9, 12)),
        ("本报讯（记者 王丽）2025年5月6日（星期二），记者从市总工会获悉", dt.date(2025, 5, 6)),
    ],
)
def test_recognised_forms(text: str, expected: dt.date) -> None:
    assert find_dateline(text + BODY * 10) == expected


def test_labelled_date_outranks_page_head() -> None:
    text = "2013年10月18日 星期五\n标题\n时间：2013-10-20\n" + BODY
    assert find_dateline(text) == dt.date(2013, 10, 20)


def test_event_date_in_a_paragraph_is_not_a_dateline() -> None:
    text = "某某大桥建成通车\n据悉，该桥于2020年1月20日工程完工，2020-02-01正式通车。\n" + BODY * 5
    assert find_dateline(text) is None


def test_deadline_label_is_not_the_draft_date() -> None:
    assert find_dateline("关于举办职工运动会的通知\n报名截止时间：2026-03-01\n" + BODY) is None


def test_only_head_and_tail_are_searched() -> None:
    filler = BODY * (HEAD_CHARS // len(BODY) + 1)
    middle = filler + "\n时间：2020-01-01\n" + filler
    assert find_dateline(middle) is None
    assert find_dateline(filler + filler + "\n时间：2020-01-01\n") == dt.date(2020, 1, 1)
    assert len("\n时间：2020-01-01\n") < TAIL_CHARS


@pytest.mark.parametrize(
    "text",
    ["时间：2026-02-30\n标题\n", "2026年2月30日 星期一\n标题\n", "时间：2026-13-01\n", "时间：12026-02-03\n"],
)
def test_impossible_dates_are_ignored(text: str) -> None:
    assert find_dateline(text + BODY) is None


def test_invalid_date_does_not_hide_a_valid_one() -> None:
    assert find_dateline("时间：2026-02-30\n发布日期：2026-02-28\n" + BODY) == dt.date(2026, 2, 28)


def test_corpus_datelines_match_publish_dates() -> None:
    corpus = _shared() / "corpus" / "gwr2026"
    if not (corpus / "meta.json").is_file():
        pytest.skip(f"shared corpus not found at {corpus}")
    meta = json.loads((corpus / "meta.json").read_text(encoding="utf-8"))
    found = {
        e["file"]: find_dateline((corpus / e["file"]).read_text(encoding="utf-8")) for e in meta
    }
    # These two state only the day the report was delivered ("——2026年1月27日在…会议上"): the
    # text's own "now" (今年, 目前 are as of that day), a few days before the page was published.
    delivered = {"2026_海南省_政府工作报告.txt": dt.date(2026, 1, 27),
                 "2026_贵州省_政府工作报告.txt": dt.date(2026, 1, 27)}
    expected = {
        e["file"]: delivered.get(e["file"]) or dt.date.fromisoformat(e["publish_date"])
        for e in meta
    }
    assert len(meta) == 15
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a speech's line of delivery under its title
    ("政府工作报告\n——2025年1月15日在某省第十四届人民代表大会第三次会议上\n省长 某某\n", dt.date(2025, 1, 15)),
    ("市政府工作报告\n（2024年2月20日在市第十六届人民代表大会第四次会议上）\n", dt.date(2024, 2, 20)),
    ("工作报告\n——2021年12月20日在市总工会十五届五次全委（扩大）会上\n", dt.date(2021, 12, 20)),
    # a date the body reports a meeting on is not the draft's: it must stand alone on its line
    ("全市工会工作综述\n会议强调，2021年12月20日在市委召开的会议上作出部署。\n", None),
])
def test_a_speech_is_dated_by_its_delivery(text: str, expected: dt.date | None) -> None:
    assert find_dateline(text) == expected
