"""JUnit XML: a suite per draft, a test case per draft and rule, a <failure> per finding, date
rules that could not run skipped, unreadable files as errors; parsed back with xml.etree."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from checker.report.junit_format import INPUT_SUITE, write_run
from report_runs import CLEAN, ERROR, REPEAT, ROOT, WARNING_ONLY, make_run, seeds_run


def _tree(run) -> ET.Element:
    out = io.StringIO()
    write_run(run, out)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.split("\n", 1)[1])


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_counts(in_tmp) -> None:
    run = make_run(in_tmp, {"a.txt": ERROR + WARNING_ONLY, "b.txt": CLEAN, "c.txt": REPEAT})
    root = _tree(run)
    rules = len(run.rules)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt", "b.txt", "c.txt"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert len(cases) == int(suite.get("tests")) == rules
        assert [c.get("name") for c in cases] == sorted(r.id for r in run.rules)
        failed = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures")) == len(failed)
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
        assert suite.get("errors") == "0"
    a, b, c = suites
    # a: one error and one warning, each a failure of its own rule's test case
    failures = a.findall("testcase/failure")
    assert sorted((f.get("type"), f.get("message")[:12]) for f in failures) == [
        ("error", "建会企业集体协商建制率为"), ("warning", "以“117件”为基数，“")]
    (rate,) = [case for case in a.findall("testcase") if case.get("name") == "range.rate"]
    assert "a.txt:2:13  建会企业集体协商建制率达102.1%。" in rate.find("failure").text
    # b: a clean draft passes every test case it ran
    assert b.findall("testcase/failure") == [] and b.get("failures") == "0"
    # c: one finding with two figures is one failure naming both
    (repeat,) = c.findall("testcase/failure")
    assert "c.txt:1:" in repeat.text and "c.txt:3:" in repeat.text
    # the date rules could not run without a publication date
    skipped = {case.get("name") for case in b.findall("testcase") if case.find("skipped") is not None}
    assert skipped == {r.id for r in run.rules if r.needs_date}
    assert root.get("tests") == str(3 * rules)
    assert root.get("failures") == str(sum(int(s.get("failures")) for s in suites))


def test_one_failure_per_finding(in_tmp) -> None:
    twice = "建会企业集体协商建制率达102.1%。\n乡镇企业集体协商建制率达103.5%。\n"
    root = _tree(make_run(in_tmp, {"a.txt": twice}))
    (rate,) = [c for c in root.iter("testcase") if c.get("name") == "range.rate"]
    assert len(rate.findall("failure")) == 2
    assert root.find("testsuite").get("failures") == "1"  # one failed test case


def test_a_dated_draft_skips_nothing(in_tmp) -> None:
    import datetime as dt

    root = _tree(make_run(in_tmp, {"b.txt": CLEAN}, date=dt.date(2021, 12, 20)))
    assert root.get("skipped") == "0"


def test_unreadable_inputs_are_errors(in_tmp) -> None:
    root = _tree(make_run(in_tmp, {"a.txt": CLEAN}, errors=["gone.txt: 没有这个文件或目录 (no such file)"]))
    (suite,) = [s for s in root.findall("testsuite") if s.get("name") == INPUT_SUITE]
    (case,) = suite.findall("testcase")
    assert case.get("name") == "gone.txt"
    assert case.find("error").get("message") == "没有这个文件或目录 (no such file)"
    assert root.get("errors") == "1"


def test_seeds(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    root = _tree(seeds_run())
    assert len(root.findall("testsuite")) == 5
    assert len(root.findall(".//failure")) == 2
    assert root.get("failures") == "2"
