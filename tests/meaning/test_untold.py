"""A draft that gives no date, title or region: its figures get unknown periods and scopes, not
guesses, and the report says how many could not be compared (silence there checked nothing)."""

from __future__ import annotations

import datetime as dt

from checker.check import check_document, check_text
from checker.rules import load_rules
from checker.source import read_document

RULES = load_rules()


def _untold(report) -> list[str]:
    return [n for n in report.notes if "无法从稿件确定" in n or "does not tell" in n]


def test_a_bare_draft_says_its_figures_were_not_compared() -> None:
    report = check_text("新建工会组织120家，发展会员3000人。", RULES)
    assert {str(f.period) for f in report.extraction.figures} == {"None"}
    [note] = _untold(report)
    assert note.startswith("2个数字的时期或范围") and "--date" in note


def test_english_on_request() -> None:
    [note] = _untold(check_text("新建工会组织120家，发展会员3000人。", RULES, lang="en"))
    assert note.startswith("For 2 figures the draft does not tell when or whose")


def test_a_dated_draft_of_a_region_is_told(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("河南省总工会2025年工作报告\n全省新建工会组织120家，发展会员3000人。", encoding="utf-8")
    report = check_document(read_document(draft, dt.date(2026, 1, 20)), RULES)
    assert all(f.period is not None for f in report.extraction.figures if f.metric)
    assert _untold(report) == []


# an undated union article, as the seeds are: its events are dated, the draft is not
UNDATED = """砥砺奋进谱华章
2019年以来，全市新建工会组织618个，新发展会员7.4万人。
2020年5月20日，市总工会与三家律师事务所签约，近两年来为职工维权50多起。
到2025年，全市工会会员力争达到100万人。
"""


def test_an_undated_draft_is_read_in_the_latest_year_it_dates_its_events_in() -> None:
    report = check_text(UNDATED, RULES)
    got = {f.text: str(f.period) for f in report.extraction.figures}
    assert got["618个"] == got["7.4万人"] == "2019..2020"
    assert got["50多起"] == "2019..2020"  # 近两年来, counted back from that year
    assert report.extraction.year_from_text == 2020  # 到2025年 is a target, not a date of the draft
    [note] = [n for n in report.notes if "最晚年份" in n]
    assert "2020年" in note and "--date" in note


def test_the_year_read_from_the_text_gives_way_to_the_date() -> None:
    report = check_text(UNDATED, RULES, date=dt.date(2021, 3, 1))
    assert {str(f.period) for f in report.extraction.figures if f.text == "618个"} == {"2019..2021"}
    assert report.extraction.year_from_text is None
    assert not [n for n in report.notes if "最晚年份" in n]


def test_a_lead_about_this_year_frames_the_whole_article() -> None:
    text = ("今年以来，市总工会围绕中心工作，推动职工子女托管班纳入2025年度民生实事项目。\n"
            "围绕稳岗就业，举行春季招聘活动，5家重点企业提供岗位300多个。\n")
    got = {f.text: str(f.period) for f in check_text(text, RULES).extraction.figures}
    assert got["5家"] == got["300多个"] == "2025"
    # the same article with no year anywhere: this year is its own, but no year is guessed
    bare = text.replace("2025年度", "")
    assert {str(f.period) for f in check_text(bare, RULES).extraction.figures} == {"@Y"}
