"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, ...).

A draft is a test suite; each rule in effect is a test case of it, which passes when the rule
found nothing there and has one <failure> per finding otherwise (type: the severity, as ESLint's
JUnit reporter does; the suite's ``failures`` counts failed test cases, as JUnit does). A rule that could not run on the draft (a date rule without a publication
date) is a skipped test case, and a file that could not be read is an <error> in a suite of its
own, so nothing the run did goes unreported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from checker.report.run import CheckRun, shown_path

INPUT_SUITE = "figcheck: unreadable inputs"
_SKIPPED = {"zh": "发布日期未知，未运行（可用 --date 指定）", "en": "publication date unknown: not run (give --date)"}


def write_run(run: CheckRun, out: TextIO) -> None:
    root = junit_tree(run)
    ET.indent(root, space=" ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def junit_tree(run: CheckRun) -> ET.Element:
    suites = ET.Element("testsuites", name="figcheck")
    totals = defaultdict(int)
    for report in run.reports:
        suite = _suite(run, report)
        suites.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key))
    if run.errors:
        suite = ET.SubElement(suites, "testsuite", name=INPUT_SUITE, tests=str(len(run.errors)),
                              failures="0", errors=str(len(run.errors)), skipped="0", time="0")
        for err in run.errors:
            path, _, reason = err.partition(": ")
            case = ET.SubElement(suite, "testcase", classname="figcheck.input", name=path, time="0")
            ET.SubElement(case, "error", type="input", message=reason or err).text = err
        totals["tests"] += len(run.errors)
        totals["errors"] += len(run.errors)
    for key in ("tests", "failures", "errors", "skipped"):
        suites.set(key, str(totals[key]))
    suites.set("time", "0")
    return suites


def _suite(run: CheckRun, report) -> ET.Element:
    doc = report.doc
    path = shown_path(doc.path)
    by_rule: dict[str, list] = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    rule_ids = [r.id for r in sorted(run.rules, key=lambda r: r.id)]
    rule_ids += sorted(set(by_rule) - set(rule_ids))  # a finding of a rule not listed: still shown
    not_run = {r.id for r in run.rules if r.needs_date and doc.published is None}
    suite = ET.Element("testsuite", name=path, file=path, time="0")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="published",
                  value=doc.published.isoformat() if doc.published else "")
    ET.SubElement(props, "property", name="figures", value=str(len(report.extraction.figures)))
    failures = skipped = 0
    for rule_id in rule_ids:
        case = ET.SubElement(suite, "testcase", classname=path, name=rule_id, file=path, time="0")
        findings = by_rule.get(rule_id, [])
        if not findings and rule_id in not_run:
            ET.SubElement(case, "skipped", message=_SKIPPED[run.lang])
            skipped += 1
        for f in findings:
            failure = ET.SubElement(case, "failure", type=f.severity, message=f.message)
            failure.text = "\n".join([f"[{f.severity}] {f.rule}: {f.message}"] + [
                f"{shown_path(loc.path)}:{loc.line}:{loc.column}  {loc.snippet}"
                for loc in f.locations])
        failures += bool(findings)
    for key, value in (("tests", len(rule_ids)), ("failures", failures), ("errors", 0),
                       ("skipped", skipped)):
        suite.set(key, str(value))
    if report.notes:
        ET.SubElement(suite, "system-out").text = "\n".join(report.notes)
    return suite
