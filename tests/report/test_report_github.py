"""GitHub Actions annotations: one workflow command per finding, exactly, escaped as the Actions
toolkit escapes (% CR LF in data; also : and , in properties)."""

from __future__ import annotations

import io

import pytest

from checker.report.github_format import annotation, annotations, escape_data, escape_property, write_run
from checker.rules.model import Finding
from report_runs import ERROR, INFO_ONLY, WARNING_ONLY, make_run


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lines(run) -> list[str]:
    out = io.StringIO()
    write_run(run, out)
    return out.getvalue().splitlines()


def test_one_line_per_finding_exactly(in_tmp) -> None:
    run = make_run(in_tmp, {"e.txt": ERROR, "w.txt": WARNING_ONLY, "i.txt": INFO_ONLY})
    assert _lines(run) == [
        "::error file=e.txt,line=2,col=13,endColumn=19,title=range.rate::"
        "建会企业集体协商建制率为102.1%25（多出2.1个百分点）：比率或占比不可能超过100%25。"
        "（已考虑约数与四舍五入，仍无法一致）",
        "::warning file=w.txt,line=1,col=17,endColumn=22,title=granularity.grim::"
        "以“117件”为基数，“81.3%25”不可能出现：最接近的是94/117 = 80.3%25、95/117 = 81.2%25、"
        "96/117 = 82.1%25。请核对比率或其基数。（另见 w.txt:1:7）",
        "::notice file=i.txt,line=1,col=12,endColumn=17,title=share.sum::"
        "同一整体的各占比（10.2%25、41.5%25、48.4%25）合计100.1%25，超过100%25（多出0.1个百分点）。"
        "（按所写精度四舍五入可以解释这一差异）（另见 i.txt:1:18, i.txt:1:24）",
    ]


def test_in_english(in_tmp) -> None:
    run = make_run(in_tmp, {"w.txt": WARNING_ONLY}, lang="en")
    assert _lines(run) == [
        "::warning file=w.txt,line=1,col=17,endColumn=22,title=granularity.grim::"
        "With a base of 117件, 81.3%25 cannot occur: the nearest are 94/117 = 80.3%25, "
        "95/117 = 81.2%25, 96/117 = 82.1%25. Check the rate or its base. (also at w.txt:1:7)"]


@pytest.mark.parametrize("raw, data, prop", [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ("%0A", "%250A", "%250A"),  # an escape sequence written by the author stays literal
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_message_and_properties_are_escaped(in_tmp) -> None:
    run = make_run(in_tmp, {"a,b:c.txt": ERROR})
    (real,) = run.reports[0].findings
    odd = Finding("range.rate", "error", "第一行\r\n第二行 100% done", real.locations)
    assert annotation(run, odd) == (
        "::error file=a%2Cb%3Ac.txt,line=2,col=13,endColumn=19,title=range.rate::"
        "第一行%0D%0A第二行 100%25 done")
    assert all("\n" not in line for line in annotations(run))


def test_a_figure_across_lines_gives_end_line(in_tmp) -> None:
    run = make_run(in_tmp, {"m.txt": "建会企业集体协商建制率达102.1\n%。\n"})
    (line,) = _lines(run)
    assert line.startswith("::error file=m.txt,line=1,endLine=2,title=range.rate::")


def test_html_draft_is_annotated_on_the_file(in_tmp) -> None:
    run = make_run(in_tmp, {"p.html": "<html><body><p>建会企业集体协商建制率达102.1%。</p></body></html>"})
    (line,) = _lines(run)
    assert line.startswith("::error file=p.html,title=range.rate::")
    assert line.endswith("（<p> 1 建会企业集体协商建制率达102.1%25。）")


def test_unreadable_inputs(in_tmp) -> None:
    run = make_run(in_tmp, {}, errors=["gone.txt: 没有这个文件或目录 (no such file or directory)"])
    assert _lines(run) == ["::error file=gone.txt,title=figcheck::没有这个文件或目录 (no such file or directory)"]


def test_nothing_to_say(in_tmp) -> None:
    assert _lines(make_run(in_tmp, {"c.txt": "全市新建工会组织618个。\n"})) == []
