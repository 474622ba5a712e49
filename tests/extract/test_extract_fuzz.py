"""Property-based fuzzing of normalization and extraction.

Random strings from an alphabet of the pieces figures are made of (digits, Chinese numerals,
scale words, units, markers, punctuation, white space, full-width forms) and mangled forms of them.
Whatever the input: nothing raises, every span is the original surface, intervals are ordered.

The example count is bounded for the test suite; a long run sets FIGCHECK_FUZZ_EXAMPLES, e.g.
``FIGCHECK_FUZZ_EXAMPLES=20000 pytest tests/extract/test_extract_fuzz.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.extract import extract
from checker.extract.figure import APPROX, KINDS
from checker.fastscan import finditer
from checker.extract.scanner import _PATTERN, _STARTS, Scanner
from checker.normalize import normalize
from checker.normalize.text import _TABLE
from checker.source import Document

EXAMPLES = int(os.environ.get("FIGCHECK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = (
    list("0123456789０１２３４５６７８９")
    + list("零〇○一二两三四五六七八九十百千万亿")
    + ["万亿", "百万", "千万", "十万", "点"]
    + list("人户家个元项件名位次场期所座条份台辆吨亩年月日号天倍成岁度")
    + ["人次", "万元", "亿元", "美元", "个百分点", "百分点", "个工作日", "个多小时", "千瓦", "千伏",
       "平方公里", "周年", "年代", "台阶"]
    + ["%", "％", "‰", "百分之", "分之", "余", "多", "近", "约", "超", "逾", "超过", "不到", "不足",
       "不少于", "不超过", "不低于", "以上", "以下", "以内", "左右", "上下", "上下游", "突破", "数",
       "几", "上", "第", "届", "中全会", "次全会", "会议", "约占", "约为", "签约", "附近", "二次",
       "三番五次", "千家万户"]
    + list(".．,，、。；：:-—–~～至到从由+×_/·∶") + ["——"]
    + [" ", "  ", "\t", "\n", "\n\n", "\r\n", "\u3000", "\u00a0", "\u2009"]
    + list("“”\"《》「」（）") + ["热线", "电话", "实事", "位一体", "规定", "产业", "大"]
    + list("GPMAa") + ["PM2.5", "5G", "7×24"]
    + ["中", "全", "省", "职工", "工会", "增长", "达到", "其中", "共", "新建"]
    + ["1..2万", "３.7 万 万", "百分之百分之", "分之分之", "万千", "百百", "2019—2013年",
       "2026年13月", "0394-8888123", "12351", "20.2026年", "1,234,5", "1,,000", ".5.", "--5",
       "−3", "十四五", "三四点五", "二○三五年", "3 . 5万", "逾\n", "\n万人次"]
)

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Some fully random text too, weighted towards the characters that matter.
noise = st.text(
    alphabet=st.sampled_from("0123456789１２.,%万亿千百十一二三四五人个元年月日余多近约超第至到- \n\u3000中"),
    max_size=60,
)
any_text = st.one_of(texts, noise)


def _check_normalization(s: str) -> None:
    norm = normalize(s)
    folded = s.translate(_TABLE)
    assert len(norm.text) <= len(s)
    kept = set()
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        assert 0 <= o < len(s)
        assert folded[o] == ch
        kept.add(o)
    # monotone map, and everything dropped was white space
    assert [norm.to_original(i) for i in range(len(norm.text))] == sorted(kept)
    assert all(folded[o] in " \t\r\n" for o in range(len(s)) if o not in kept)


def _check_figures(s: str) -> None:
    doc = Document(path="fuzz.txt", text=s)
    figures = extract(doc)
    prev_end = 0
    for f in figures:
        assert 0 <= f.start < f.end <= len(s), f
        assert s[f.start:f.end] == f.text
        assert f.text == f.text.strip(), f  # a figure never starts or ends with white space
        assert f.start >= prev_end, "figures overlap or are out of order"
        prev_end = f.end
        assert f.kind in KINDS and f.approx in APPROX, f
        if f.lo is not None and f.hi is not None:
            assert f.lo <= f.hi, f
        if f.value is not None:
            if f.lo is not None:
                assert f.lo <= f.value, f
            if f.hi is not None:
                assert f.value <= f.hi, f
        if f.approx in ("over", "more"):
            assert f.lo is not None, f
        if f.approx == "under":
            assert f.lo is None and f.hi is not None, f
        assert f.line == s.count("\n", 0, f.start) + 1
        assert f.column == f.start - (s.rfind("\n", 0, f.start) + 1) + 1


def _check_prefilter(s: str) -> None:
    """The prefiltered scan finds exactly what the plain pattern finds: every possible first
    character of a figure is in _STARTS."""
    t = normalize(s).text
    fast = [m.span() for m in finditer(_PATTERN, _STARTS, t)]
    plain = [m.span() for m in _PATTERN.finditer(t) if m.end() > m.start()]
    assert fast == plain


@FUZZ
@given(any_text)
@example("逾1400\n\n万人次")
@example("1..2万")
@example("３.7 万 万")
@example("百分之百分之")
@example("2019—2013年")
def test_normalization_never_raises_and_maps_back(s: str) -> None:
    _check_normalization(s)


@FUZZ
@given(any_text)
@example("1..2万")
@example("３.7 万 万")
@example("百分之百分之")
@example("2019—2013年")
@example("-5余人")
@example("约-0.5%")
@example("3%-5%")
@example("第3-")
def test_extraction_never_raises_and_spans_are_the_surface(s: str) -> None:
    _check_figures(s)
    Scanner(normalize(s).text).scan()


@FUZZ
@given(any_text)
def test_prefilter_misses_no_figure(s: str) -> None:
    _check_prefilter(s)
