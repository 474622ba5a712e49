"""The relation stage on its own: which figures it ties together, and which it leaves apart
(the rules' cases in tests/rules/cases test what is then reported)."""

from __future__ import annotations

import pytest

from checker.extract import read_figures
from checker.relate import relate
from checker.relate.restate import head_end
from checker.source import Document


def _relations(text: str, family: str) -> list[dict[str, str]]:
    figures = read_figures(Document(path="<t>", text=text)).figures
    return [{name: f.text for name, f in r.slots.items()} for r in relate(text, figures) if r.family == family]


def test_breakdown_takes_the_whole_list_and_its_stated_sum() -> None:
    text = "全市完成技术创新成果163项，技术攻关251项，推广新技术138项，总结推广先进操作法142项，共计694项。"
    figures = read_figures(Document(path="<t>", text=text)).figures
    [rel] = [r for r in relate(text, figures) if r.family == "breakdown"]
    assert [f.text for f in rel.figures] == ["694项", "163项", "251项", "138项", "142项"]
    assert rel.fixed["exhaustive"] == 1.0  # 共计: the items are all of it


def test_a_total_that_may_hold_more_is_not_a_sum() -> None:
    [rel] = _relations("国家级、部级创新平台分别达到22家、182家，各类创新平台总数达204家。", "breakdown")
    assert rel == {"p1": "22家", "p2": "182家", "total": "204家"}
    figures = read_figures(Document(path="<t>", text="国家级、部级创新平台分别达到22家、182家，各类创新平台总数达204家。")).figures
    assert not [r for r in relate("国家级、部级创新平台分别达到22家、182家，各类创新平台总数达204家。", figures)
                if r.family == "breakdown" and r.fixed.get("exhaustive")]


@pytest.mark.parametrize(("text", "base"), [
    ("全厂28个班组中，80%的班组建立了竞赛台账。", "28个"),
    ("新建劳模产业扶贫基地30个，其中73.5%带动脱贫户就业。", "30个"),
    ("共接待来访职工173人次。经工会协调，诉求得到解决的占91.5%。", "173人次"),
])
def test_a_percentage_is_tied_to_the_cases_it_counts(text: str, base: str) -> None:
    assert [r["base"] for r in _relations(text, "grim")] == [base]


@pytest.mark.parametrize("text", [
    "全市共有职工117人，劳动争议调解成功率81.3%。",  # 调解 is of disputes, not of the workers
    "完成重点项目120个，其中民间投资占60.5%。",  # a share of the money, not of the projects
])
def test_a_percentage_of_something_else_has_no_base(text: str) -> None:
    assert _relations(text, "grim") == []


@pytest.mark.parametrize(("text", "tied"), [
    ("全市产业工人中，35岁以下的占38.6%，35岁至50岁的占44.9%，50岁以上的占16.5%。", True),  # bands
    ("全市职工中，男职工占55.6%，女职工占44.4%。", True),  # a complementary pair
    ("全区电力总装机中，新能源装机占比达63%，火电装机占比34%，水电及其他装机占3%。", True),  # the rest
    ("全市职工中，女职工占45%，党员占30%。", False),  # traits of people overlap
    ("产业投资占全部投资比重52.1%，产业民间投资占民间投资比重65.1%。", False),  # two wholes
    ("空气质量优良天数比例98.8%，地表水、近岸海域水质优良比例分别达96.9%、99.7%。", False),  # rates
])
def test_shares_are_of_one_whole_only_when_their_parts_exclude_each_other(text: str, tied: bool) -> None:
    assert bool(_relations(text, "shares")) is tied


def test_without_a_headline_a_lead_is_restated_by_its_own_name_only() -> None:
    lead = "全市新建工会组织618个。\n过去一年，全市新建工会组织681个。\n"
    assert _relations(lead, "restatement") == [{"head": "618个", "body": "681个"}]
    # another wording of the name is matched under a headline only: two paragraphs are often two
    loose = "全市新建工会组织618个。\n过去一年，全市新组建工会681个。\n"
    assert _relations(loose, "restatement") == []
    titled = "全市新建工会组织618个\n" + loose
    assert {"head": "618个", "body": "681个"} in _relations(titled, "restatement")


def test_a_lead_figure_restated_in_the_body_is_one_relation() -> None:
    """A lead under a headline without figures is both a lead and inside the head: found once."""
    text = ("郑州市总工会工作综述\n\n全市172个乡镇（街道）全部建立了职工维权服务站。\n\n"
            "……181个乡镇（街道）、663个社区全部建立了工会组织。\n")
    assert _relations(text, "restatement") == [{"head": "172个", "body": "181个"}]


def test_the_head_is_the_title_when_it_holds_figures_else_title_and_lead() -> None:
    figures_in_title = "新建工会618个\n导语一句。\n正文一段。\n"
    title = len("新建工会618个")
    assert head_end(figures_in_title, read_figures(Document(path="<t>", text=figures_in_title)).figures) == (title, title)
    no_figures = "综述\n2021年，全省新建工会6016家。\n正文。\n"
    title, end = head_end(no_figures, read_figures(Document(path="<t>", text=no_figures)).figures)
    assert (title, no_figures[title:end].strip()) == (len("综述"), "2021年，全省新建工会6016家。")


@pytest.mark.parametrize(("text", "pair"), [
    ("该厂始建于1956年。今天，全厂职工迎来建厂70周年。", ("1956年", "70周年")),
    ("市设计院举行庆祝建院60周年座谈会。该院创建于1966年。", ("1966年", "60周年")),  # founding after
    ("郑州市总工会成立于1927年，有着86年辉煌历史。", ("1927年", "86年")),
])
def test_an_anniversary_is_counted_from_the_founding_the_text_gives(text: str, pair) -> None:
    assert [(r["founded"], r["years"]) for r in _relations(text, "anniversary")] == [pair]


@pytest.mark.parametrize("text", [
    "市工人文化宫始建于1951年。热烈庆祝中国共产党成立100周年。",  # another body's anniversary
    "厂区铁路1975年通车。今天，全厂职工迎来建厂60周年。",  # another event
    "西藏自治区于1965年成立。过去的2025年，自治区成立60周年庆祝活动隆重举行。",  # 2025 is no founding
])
def test_an_anniversary_is_not_counted_from_another_founding(text: str) -> None:
    assert [r["founded"] for r in _relations(text, "anniversary")] in ([], ["1965年"])


@pytest.mark.parametrize(("text", "named"), [
    ("重点支持册亨、罗甸、望谟、紫云、关岭等8个重点县发展。", (5.0, 1.0)),
    ("开展送岗位、送技能、送政策3项活动。", (3.0, 0.0)),
])
def test_a_count_is_tied_to_the_items_its_list_names(text: str, named) -> None:
    figures = read_figures(Document(path="<t>", text=text)).figures
    [rel] = [r for r in relate(text, figures) if r.family == "enumeration"]
    assert (rel.fixed["items"], rel.fixed["open"]) == named


@pytest.mark.parametrize("text", [
    "省委、省政府16次调度推进重大产业项目。",  # times, not things named
    "完成新建、重组11家全国重点实验室。",  # deeds, not things
    "新建概念验证、中试验证平台10个。",  # the total of two kinds
    "国家级、部级创新平台分别达到22家、182家。",  # each item's own count
])
def test_a_count_of_something_else_is_not_tied_to_a_list(text: str) -> None:
    assert _relations(text, "enumeration") == []
