"""The frame of a draft: what a figure without its own time refers to (checker/meaning/frame.py,
words in checker/lang/zh/periods.yaml and frame.yaml)."""

from __future__ import annotations

import datetime as dt

from checker.extract import extract
from checker.source import Document

REPORT = """2026年某省政府工作报告
一、“十四五”时期和2025年工作回顾
过去的五年极不寻常。城镇新增就业603.7万人，建成高标准农田2556万亩。
刚刚过去的2025年很不平凡。城镇新增就业121.7万人。
（一）稳就业。发放稳岗返还资金18亿元，比2020年增长30%。
二、“十五五”时期主要目标任务
到2030年，常住人口城镇化率达到71%。
居民收入年均增长5%以上。
三、2026年重点工作安排
今年是“十五五”开局之年。主要预期目标是：地区生产总值增长5%左右，城镇新增就业110万人以上。
新建改造高标准农田200万亩。
"""


def _periods(text: str, published: dt.date | None) -> dict[str, tuple[str | None, str | None]]:
    doc = Document(path="r.txt", text=text, published=published, province="河南省")
    return {f.text: (None if f.period is None else str(f.period), f.role) for f in extract(doc)
            if f.kind not in ("year", "date", "ordinal", "name")}


def test_sections_and_leads_give_the_period_and_the_plan() -> None:
    got = _periods(REPORT, dt.date(2026, 2, 3))
    assert got["603.7万人"] == ("2021..2025", None)  # 五年来 of a report out in 2026
    assert got["2556万亩"][0] == "2021..2025"
    assert got["121.7万人"] == ("2025", None)  # the lead names the year under review
    assert got["18亿元"][0] == "2025"  # a sub-heading keeps the lead's year
    assert got["30%"] == ("2025", "growth")  # 比2020年 is the base, not the period
    assert got["71%"] == ("2030", "rate+target")
    assert got["5%以上"] == ("2026..2030", "growth+average+target")
    assert got["5%左右"] == ("2026", "growth+target")
    assert got["110万人以上"][1] == "target" and got["110万人以上"][0] == "2026"
    assert got["200万亩"] == ("2026", "target")  # a plan section's figures are its targets


def test_news_article_dated_by_its_lead_only() -> None:
    text = "河南工会这一年\n2021年，对于河南来说，是极不平凡的一年。\n全省新建工会6016家，新发展会员65.9万人。\n"
    got = _periods(text, None)
    assert got["6016家"][0] == "2021" and got["65.9万人"][0] == "2021"


def test_no_date_no_frame_no_guess() -> None:
    got = _periods("全省新建工会6016家。今年新发展会员65.9万人。目前建会企业1.2万家。\n", None)
    # 今年 of an undated draft is a year known within it only: no year is guessed
    assert got["6016家"][0] is None and got["65.9万人"][0] == "@Y"
    assert got["1.2万家"][0] == "@now"


# written for these tests: a review section whose sub-headings run on into their paragraphs
REVIEW = """2026年某省政府工作报告
一、2025年和“十四五”时期工作回顾
各位代表！2025年主要目标任务圆满完成。回顾过去五年，全省上下砥砺奋进。
（一）产业体系加快升级。按照省委部署的重点工作，新建省级工业园区12个。常住人口城镇化率从2020年的53.2%提高到2025年的58.1%。
"""


def test_a_lead_in_the_second_sentence_after_a_verb_of_looking_back() -> None:
    got = _periods(REVIEW, dt.date(2026, 2, 3))
    assert got["12个"][0] == "2021..2025"


def test_a_heading_run_on_into_its_paragraph_takes_only_its_own_words() -> None:
    got = _periods(REVIEW, dt.date(2026, 2, 3))
    # 重点工作 in the paragraph does not make the review a plan; its years do not hide the lead
    assert got["12个"][1] is None
    assert got["58.1%"] == ("2025", "rate")


def test_a_range_of_years_dates_its_change_and_frames_only_its_sentence() -> None:
    text = ("2026年某省政府工作报告\n一、“十四五”时期和2025年工作回顾\n"
            "五年来，产业结构持续优化。2020年到2025年，工业投资占固定资产投资比重从17.9%提升到35.5%。"
            "新增五星级饭店16家，接待游客人次年均增长4.4%。\n2021—2025年累计完成投资1.2万亿元。\n")
    got = _periods(text, dt.date(2026, 2, 3))
    assert got["17.9%"][0] == "2020" and got["35.5%"][0] == "2025"  # the ends of the change
    assert got["16家"][0] == got["4.4%"][0] == "2021..2025"  # the next sentence: the lead's span again
    assert got["1.2万亿元"][0] == "2021..2025"


def test_an_average_growth_is_over_the_span_of_its_frame() -> None:
    text = ("2026年某省政府工作报告\n二、“十五五”时期主要目标任务\n"
            "今后五年，主要目标包括：到2030年，地区生产总值年均增长5%以上，常住人口城镇化率达到71%。\n")
    got = _periods(text, dt.date(2026, 2, 3))
    assert got["5%以上"] == ("2026..2030", "growth+average+target")  # 年均: over the plan's years
    assert got["71%"][0] == "2030"  # a level is at the year it is reached


def test_a_comparison_base_is_of_its_own_time() -> None:
    got = _periods("今年参赛职工4.3万人次，比2020年的2.1万人次增长1倍。", None)
    assert got["4.3万人次"][0] == "@Y" and got["2.1万人次"][0] == "2020"
    # the base of a multiple, written after 是: the draft's own figures keep its year
    got = _periods("今年全市新建职工书屋186家，总数达到1216家，是2020年末304家的4倍。", None)
    assert got["186家"][0] == "@Y" and got["1216家"][0] == "@Y"
    assert got["304家"][0] == "@2020-12-31"


def test_a_draft_of_one_sentence_has_no_title_to_date_it() -> None:
    # the year in the sentence dates a base, not the draft: 今年 stays this (unknown) year
    got = _periods("今年技能竞赛参赛人数达4.3万人次，是2020年的3.6倍（2020年为1.2万人次）。", None)
    assert got["4.3万人次"][0] == "@Y"
    # a title line still dates the draft it heads
    got = _periods("2021年河南工会工作综述\n全省新建工会6016家。\n", None)
    assert got["6016家"][0] == "2021"
