"""Meta-tests that keep the rule set whole (proselint style): every rule has named cases, its own
examples behave, it speaks both languages, and realistic consistent text triggers nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from checker.check import check_text
from checker.extract import read_figures
from checker.ledger.crosscheck import check_articles
from checker.rules import load_rules
from checker.rules.engine import View
from checker.rules.kinds import KINDS
from checker.source import Document
from rule_case_files import case_files, load_cases

RULES = load_rules()
IDS = [r.id for r in RULES]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")

# A neutral paragraph of report text: every figure in it agrees with every other.
SMOKE = (
    "全市新建工会组织618个\n"
    "2021年12月20日（星期一），市总工会召开十五届五次全委（扩大）会议，总结今年工作。"
    "今年以来，全市新建工会组织618个，其中非公企业工会420个，社会组织工会150个；"
    "新发展工会会员74017人，其中农民工会员44734人，占60.4%。"
    "全市职工1000人参加技能竞赛，其中男职工600人，女职工400人，获奖职工中男性占52%，女性占48%。"
    "建会企业集体协商建制率达92.1%，高于全省平均水平（88.6%）3.5个百分点，同比提高1.5个百分点；"
    "全年发放慰问金合计120万元，"
    "慰问困难职工800人，人均1500元；受理调解案件117件，调解成功率81.2%。"
    "基层工会从2.1万家增加到3.75万家，增长78.6%，全市第一、二、三产业分别占10.2%、41.5%、48.3%。"
    "全市职工书屋由52家增加到209家，增长3倍。"
    "2019年以来，全市累计建成职工之家320家、新建工会组织1500个；今年全市新建工会组织618个，"
    "全市职工服务热线12351接听来电32156次、首次突破3万次，满意率达98.5%。"
    "举办技能培训班12期、专题讲座8期，共计20期。开展送岗位、送技能、送政策3项活动。"
    "市工人文化宫始建于1951年，今年迎来建宫70周年。"
    "市职工运动会每四年举办一届，首届于2001年举行，今年举办第六届。"
    "在热烈庆祝中国共产党成立100周年之际，全市职工以优异成绩迎接新的一年。"
)
SMOKE_DATE = dt.date(2021, 12, 20)
# rules that find candidates only in wrong text (a negative count, a date after publication),
# and rules that compare articles, not the figures of one
NOTHING_TO_JUDGE = {"range.negative", "date.future"} | {r.id for r in load_rules() if r.kind == "cross"}


def _date(rule) -> dt.date | None:
    return dt.date.fromisoformat(rule.example_date) if rule.example_date else None


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_named_cases(rule) -> None:
    files = case_files()
    assert rule.id in files, f"tests/rules/cases/{rule.id}.yaml is missing"
    cases = load_cases(files[rule.id])
    fails = [c for c in cases if c.fails and not c.xfail]
    passes = [c for c in cases if not c.fails and not c.xfail]
    assert len(fails) >= 3 and len(passes) >= 3, (len(fails), len(passes))
    if rule.needs_date:
        assert all(c.date for c in fails), "a rule that needs the date fails only with one"


def test_no_case_file_without_a_rule() -> None:
    assert set(case_files()) <= set(IDS)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_examples_behave(rule) -> None:
    assert rule.examples.get("fail") and rule.examples.get("pass")
    for text in rule.examples["fail"]:
        assert rule.id in {f.rule for f in check_articles(text, RULES, date=_date(rule))}, text
    for text in rule.examples["pass"]:
        assert rule.id not in {f.rule for f in check_articles(text, RULES, date=_date(rule))}, text


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_speaks_both_languages(rule) -> None:
    for texts in (rule.message, rule.why):
        assert texts.get("zh") and CJK.search(texts["zh"]), texts
        assert texts.get("en") and re.search(r"[A-Za-z]{3,}", texts["en"]), texts


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_message_is_filled(rule, lang: str) -> None:
    text = rule.examples["fail"][0]
    mine = [f for f in check_articles(text, RULES, date=_date(rule), lang=lang) if f.rule == rule.id]
    assert mine
    # the template's own words, each placeholder standing for some filled-in text
    template = rule.message[lang]
    pattern = "(.+?)".join(re.escape(p) for p in PLACEHOLDER.split(template))
    for f in mine:
        assert not PLACEHOLDER.search(f.message), f.message
        head = re.match(pattern, f.message)
        assert head, (template, f.message)
        if lang == "en":  # and what the engine adds after it is English too
            assert not CJK.search(f.message[head.end():]), f.message


def test_smoke_paragraph_triggers_nothing() -> None:
    report = check_text(SMOKE, RULES, date=SMOKE_DATE)
    assert report.findings == [], [f.message for f in report.findings]
    assert len(report.extraction.figures) >= 30


@pytest.mark.parametrize("rule", [r for r in RULES if r.id not in NOTHING_TO_JUDGE],
                         ids=[r.id for r in RULES if r.id not in NOTHING_TO_JUDGE])
def test_smoke_paragraph_gives_each_rule_something_to_judge(rule) -> None:
    """The smoke test proves something only if the rules look at its figures and find them right."""
    doc = Document(path="<smoke>", text=SMOKE, published=SMOKE_DATE, date_source="option")
    extraction = read_figures(doc)
    view = View(doc, extraction.figures, extraction.sentences)
    assert KINDS[rule.kind].derive(view, rule.params), f"{rule.id} had no candidate"
