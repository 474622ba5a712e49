"""What each figure counts, whose, when, and in what role: read from the words around it."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract import extract
from checker.source import Document


def figure(text: str, surface: str, date: dt.date | None = None, province: str | None = None,
           city: str | None = None):
    doc = Document(path="t.txt", text=text, published=date, province=province, city=city)
    found = [f for f in extract(doc) if f.text == surface]
    assert found, f"{surface!r} not extracted from {text!r}: {[f.text for f in extract(doc)]}"
    return found[0]


@pytest.mark.parametrize("text, surface, metric", [
    ("全省新建工会6016家，新发展会员65.9万人。", "6016家", "新建工会"),
    ("全省新建工会6016家，新发展会员65.9万人。", "65.9万人", "新发展会员"),
    ("建会企业集体协商建制率达92.1%。", "92.1%", "建会企业集体协商建制率"),
    # the noun after a measure word is what is counted when a verb comes before the figure
    ("为3258户困难职工拨付帮扶资金2322万元。", "3258户", "困难职工"),
    ("为3258户困难职工拨付帮扶资金2322万元。", "2322万元", "困难职工拨付帮扶资金"),
    ("开展了16个行业的职工职业技能竞赛。", "16个", "行业"),
    # figures side by side count for the same words
    ("帮扶和带动4900余户近1万人实现脱贫。", "近1万人", "帮扶和带动"),
    # layout spaces and the 来 of 5年来 are not part of the metric
    ("5 年来累计筹措送温暖款物价值 8758 万元。", "8758 万元", "筹措送温暖款物价值"),
    # 全部 says how many, not what
    ("181 个乡镇（街道）、663 个社区全部建立了工会组织。", "663 个", "社区"),
])
def test_metric(text, surface, metric):
    assert figure(text, surface).metric == metric


@pytest.mark.parametrize("text, surface, scope", [
    ("全省新建工会6016家。", "6016家", "河南省"),  # 全省 resolves to the document's province
    ("全市新建职工书屋209家。", "209家", "周口市"),
    ("在上海，近4000家爱心妈咪小屋投入使用。", "近4000家", "上海市"),
    ("全国建立女职工休息室423家。", "423家", "全国"),
    # 全国 before a title names the title, not whose figure it is: the figure is the draft's own
    ("2019年获评全国五一劳动奖章2名。", "2名", "周口市"),
    # a rank and a difference against the nation are still the draft's own figures
    ("全省粮食产量居全国第2位，增速高于全国1.2个百分点。", "1.2个百分点", "河南省"),
    ("全省进出口总额占全国5%。", "5%", "河南省"),
    # a named place scopes its own clause, not the rest of the sentence
    ("郑州市新建工会80家，全省新建工会6016家。", "6016家", "河南省"),
])
def test_scope(text, surface, scope):
    found = figure(text, surface, province="河南省", city="周口市").scope
    assert (None if found is None else str(found)) == scope


@pytest.mark.parametrize("text, surface, date, period", [
    ("2019年以来，建设户外劳动者驿站196家。", "196家", dt.date(2021, 3, 1), "2019..2021"),
    ("今年新建基层工会35家。", "35家", dt.date(2025, 9, 1), "2025"),
    ("去年新建基层工会35家。", "35家", dt.date(2025, 9, 1), "2024"),
    # 过去一年 in a report of the first quarter is the year just ended
    ("过去一年，新建基层工会35家。", "35家", dt.date(2026, 2, 3), "2025"),
    ("过去一年，新建基层工会35家。", "35家", dt.date(2021, 12, 20), "2021"),
    # N年来 ends with the year under review: in March the year just ended
    ("近两年来，全市新建职工书屋209家。", "209家", dt.date(2021, 3, 1), "2019..2020"),
    ("五年来，城镇新增就业452万人。", "452万人", dt.date(2026, 2, 3), "2021..2025"),
    # a comparison base is not the figure's period
    ("2025年，全省粮食产量比2020年增长8%。", "8%", dt.date(2026, 2, 3), "2025"),
    ("截至2025年底，全省共有基层工会3.2万家。", "3.2万家", dt.date(2026, 2, 3), "@2025-12-31"),
    ("上半年，全市新建工会120家。", "120家", dt.date(2025, 9, 1), "2025-H1"),
    ("“十四五”时期，城镇新增就业452万人。", "452万人", dt.date(2026, 2, 3), "2021..2025"),
    ("截至目前，全市建立法律援助机构25个。", "25个", dt.date(2021, 3, 1), "@2021-03-01"),
    # without a publication date, "now" is still one instant within the article
    ("截至目前，全市建立法律援助机构25个。", "25个", None, "@now"),
    # without one, 今年 is the year the article is written in, known within it only
    ("今年新建基层工会35家。", "35家", None, "@Y"),
    ("过去一年，新建基层工会35家。", "35家", None, "@R"),
    ("五年来，新建基层工会350家。", "350家", None, "@R-4..@R"),
    # a slogan is not a plan period
    ("开展“悦读新思想 建功十四五”活动，点击量超3000万人次。", "超3000万人次", dt.date(2021, 12, 1), None),
])
def test_period(text, surface, date, period):
    found = figure(text, surface, date=date).period
    assert (None if found is None else str(found)) == period


@pytest.mark.parametrize("text, surface, role", [
    ("新发展工会会员74017人，其中新发展农民工会员44734人。", "44734人", "part"),
    ("全市职工1000人，其中男职工600人，女职工400人。", "400人", "part"),
    # a later clause that is not parallel to the first part is no part
    ("新增营造林148万亩、其中南北山绿化工程43万亩，修复治理退化草原517万亩。", "517万亩", None),
    # after a comma, a kind of the head noun of the part before it is the 其中 list's next item ...
    ("公司现有员工三千二百人，其中一线生产人员两千四百人，技术研发人员六百人，管理及后勤人员三百人。",
     "三百人", "part"),
    # ... another quantity is not (a trade surplus is no part of the trade)
    ("全年货物进出口总额8935.4亿元，其中出口5612.8亿元，进口3322.6亿元，贸易顺差2290.2亿元。",
     "2290.2亿元", None),
    ("共有845名各级劳模参与。", "845名", "total"),
    ("庆祝中国共产党成立100周年。", "100周年", None),  # 共 of 共产党 is no total
    ("网上零售额增长14.7%。", "14.7%", "growth"),
    ("其中农村居民人均可支配收入增长8.8%。", "8.8%", "growth+average"),
    ("地区生产总值年均增长5.9%。", "5.9%", "growth+average"),
    ("力争全年地区生产总值增长5%左右。", "5%左右", "growth+target"),
    ("可再生能源装机占比超过55%。", "超过55%", "share"),
    ("主要预期目标是：地区生产总值增长5%左右；城镇新增就业86万人。", "86万人", "target"),
    ("纳入年度考核目标；全省11个市组织线上招聘170场。", "170场", None),
    ("建会企业集体协商建制率达92.1%。", "92.1%", "rate"),
])
def test_role(text, surface, role):
    assert figure(text, surface).role == role


def test_sentence_and_clause_indexes_group_figures():
    doc = Document(path="t.txt", text="新建工会6016家，发展会员65.9万人。全年签订集体合同5.62万份。")
    a, b, c = [f for f in extract(doc) if f.kind == "count"]
    assert a.sentence == b.sentence != c.sentence
    assert a.clause != b.clause


# Phrasings written for these tests, in other words than the gold standard's reports: each names
# what a reader takes the figure to count (a part of the metric any right answer must contain).
@pytest.mark.parametrize("text, surface, head", [
    # a change or a gap written after the level names nothing of its own
    ("全市常住人口城镇化率达到68.2%、比上年提高1.3个百分点。", "1.3个百分点", "城镇化率"),
    ("全县义务教育巩固率为97.5%，高于全省平均水平2.1个百分点。", "2.1个百分点", "巩固率"),
    ("职工医疗互助参保人数达到41.3万人、增长6.2%。", "6.2%", "参保人数"),
    # the noun after a measure word, also when quoted, and a verb inside it
    ("今年新建“职工书屋”45家、“妈妈小屋”38个。", "38个", "妈妈小屋"),
    ("组建23支技术攻关团队开展联合攻关。", "23支", "技术攻关团队"),
    ("在86家企业中推行工资集体协商。", "86家", "企业"),
    ("为1200名困难职工发放救助金360万元。", "1200名", "困难职工"),
    ("向在岗环卫工人送去价值12万元的防暑物资。", "12万元", "防暑物资"),
    # the noun before the figure, named in quotation marks
    ("全省“劳模创新工作室”达到312家。", "312家", "劳模创新工作室"),
    # a 分别 list whose head is written once on its last name
    ("第一、第二产业增加值分别增长2.1%、4.3%。", "2.1%", "第一产业增加值"),
    ("城镇、农村居民人均可支配收入分别增长4.6%、6.3%。", "4.6%", "城镇居民人均可支配收入"),
    # both ends of a from-to change count the same thing
    ("全市地区生产总值从2020年的2100亿元增长到2025年的2830亿元。", "2830亿元", "地区生产总值"),
    # a base and a change verb after the metric are not part of it
    ("全市人均受教育年限较2020年提高0.6年。", "0.6年", "人均受教育年限"),
    # one word naming two before 分别: each figure is of one of them
    ("城乡居民人均可支配收入分别增长5.1%和6.8%。", "6.8%", "农村居民人均可支配收入"),
    ("全市城乡低保标准分别提高12%、15%。", "12%", "城市低保标准"),
    # 分别从A、B提高到C、D: the ends after 到 are counted again from the first name
    ("城镇、农村低保标准分别从2020年的600元、400元提高到2025年的800元、500元。", "800元", "城镇低保标准"),
    ("城镇、农村低保标准分别从2020年的600元、400元提高到2025年的800元、500元。", "500元", "农村低保标准"),
    # a ranking's name before a figure is part of its words; a verb before a noun's head is inside it
    ("在湘世界500强企业达212家。", "212家", "500强企业"),
    ("推进66个粮食产能提升重点县建设。", "66个", "产能提升重点县"),
    # a count of the things in a category: the category is part of what is counted
    ("全市有9家企业入选国家级专精特新“小巨人”名单。", "9家", "专精特新"),
    ("去年3个村获评全国乡村治理示范村。", "3个", "乡村治理示范村"),
    ("全省共有5所学校被认定为省级文明校园。", "5所", "文明校园"),
])
def test_metric_in_other_words(text, surface, head):
    metric = figure(text, surface, dt.date(2026, 1, 20), province="河南省", city="周口市").metric
    assert metric is not None and head in metric, metric


@pytest.mark.parametrize("text, surface, role", [
    ("居民消费价格涨幅控制在2%左右。", "2%左右", "growth"),
    ("全市共有职工书屋320家，其中省级示范点45家。", "320家", "total"),
    ("取消和下放审批事项，全年减少审批事项35项。", "35项", "growth"),
    ("耕地质量等级提升的面积占耕地总面积的61%。", "61%", "share"),
    # a run of figures after one cue all take it
    ("工业、建筑业、服务业增加值分别增长4.1%、3.2%、5.5%。", "5.5%", "growth"),
    # 均 after a list says "each of them", not an average
    ("城市生活垃圾无害化处理率、污水处理率均达到98%以上。", "98%以上", "rate"),
    # 全国平均 is the base of a gap, not an average of the draft's own
    ("我省劳动年龄人口平均受教育年限高于全国平均水平0.4年。", "0.4年", "difference"),
])
def test_role_in_other_words(text, surface, role):
    found = figure(text, surface, province="河南省").role
    assert found is not None and role in found.split("+"), found


@pytest.mark.parametrize("text, surface, period", [
    # the from-end of a change in a five-year review holds at the year before it, the to-end at its last
    ("五年来，全省森林覆盖率由30.1%提高到33.6%。", "30.1%", "2020"),
    ("五年来，全省森林覆盖率由30.1%提高到33.6%。", "33.6%", "2025"),
    # a pair that names its years dates the pairs after it in the sentence
    ("五年来，税收收入从2020年的520亿元增长到2025年的690亿元，非税收入从180亿元增长到210亿元。",
     "180亿元", "2020"),
    # an address before a paragraph's lead does not hide the lead
    ("五年来，全省建成5G基站9.1万个。\n各位代表！刚刚过去的2025年，是不平凡的一年。\n全省新建5G基站1.2万个。",
     "1.2万个", "2025"),
])
def test_period_of_change_ends(text, surface, period):
    found = figure(text, surface, dt.date(2026, 1, 20), province="河南省").period
    assert str(found) == period


@pytest.mark.parametrize("text, surface, metric, role", [
    ("全县近三成耕地实现托管服务。", "近三成", "耕地", "share"),
    ("全市96.2%的养老机构开展医养结合。", "96.2%", "养老机构", "share"),
])
def test_a_share_of_the_noun_after_it(text, surface, metric, role):
    f = figure(text, surface, dt.date(2026, 1, 20), province="河南省")
    assert (f.metric, f.role) == (metric, role)
