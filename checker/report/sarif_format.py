"""SARIF 2.1.0 (OASIS): what GitHub code scanning, VS Code's SARIF viewer and other CI tools read.

One run; the driver lists the rules in effect with their explanation (``why``) and examples, each
finding is a result at its first figure, and the finding's other figures are related locations.

Regions. For plain-text and Markdown drafts Document.text is the file as decoded, so a figure's
line and column point into the file. Columns and character offsets are Unicode code points
(``run.columnKind: unicodeCodePoints``, not UTF-16 units: 𠀀 counts one), offsets never count a
byte-order mark (SARIF §3.30.2 says they must not depend on one), and a line ends at "\\n" or
"\\r\\n" (SARIF's default newlineSequences), which is how figcheck numbers lines. So region lines,
columns, charOffset and charLength all hold, in the artifact's declared encoding.
For Word and HTML drafts Document.text is extracted text, not the file: a region there would
point at the wrong bytes, so those results carry the part of the document instead (a logical
location: "段落 3", "<p> 2", "表格 1 第 2 行第 3 列") and the snippet, with no region.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from checker import __version__
from checker.report.run import PLAIN_SOURCES, CheckRun, artifact_uri, end_of, line_span
from checker.rules.baseline import fingerprint
from checker.rules.model import Finding, Location, Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# the project page when the package declares none ([project.urls] Homepage in pyproject.toml)
INFORMATION_URI = "https://pypi.org/project/figcheck/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
_SOURCE_LANGUAGE = {"text": "plaintext", "markdown": "markdown", "html": "html", "docx": "docx"}
_ENCODING = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030",
             "gbk": "GBK", "gb2312": "GB2312", "big5": "Big5", "cp950": "Big5",
             "big5hkscs": "Big5-HKSCS"}
_LABELS = {
    "zh": {"why": "为什么", "fail": "会报告", "pass": "不会报告", "other": "同一问题的另一处数字",
           "part": "位置"},
    "en": {"why": "Why", "fail": "Reported", "pass": "Not reported",
           "other": "another figure of the same finding", "part": "where"},
}


def write_run(run: CheckRun, out: TextIO) -> None:
    json.dump(sarif_log(run), out, ensure_ascii=False, indent=1)
    out.write("\n")


def sarif_log(run: CheckRun, root: Path | None = None) -> dict:
    root = (root or Path.cwd()).resolve()
    rules = sorted(run.rules, key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    texts = run.texts
    results = [_result(run, f, index, texts, root) for r in run.reports for f in r.findings]
    artifacts = [_artifact(r.doc, root) for r in run.reports]
    invocation: dict = {"executionSuccessful": not run.errors}
    if run.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e}} for e in run.errors]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "figcheck", "version": __version__, "semanticVersion": __version__,
                "informationUri": information_uri(),
                "language": "zh-CN" if run.lang == "zh" else "en-US",
                "rules": [_descriptor(r, run.lang) for r in rules],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
            "artifacts": artifacts,
            "language": "zh-CN" if run.lang == "zh" else "en-US",
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def information_uri() -> str:
    """The Homepage the installed package declares, else INFORMATION_URI."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("figcheck").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip():
            return url.strip()
    return INFORMATION_URI


def _descriptor(rule: Rule, lang: str) -> dict:
    why = rule.why.get(lang) or rule.message[lang]
    labels = _LABELS[lang]
    helps = [f"{labels['why']}: {why}"] + [
        f"{labels[kind]}: {text}" for kind in ("fail", "pass") for text in rule.examples.get(kind, [])]
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("-", ".").split(".")),
        "shortDescription": {"text": _first_sentence(why)},
        "fullDescription": {"text": why},
        "help": {"text": "\n".join(helps)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": sorted({rule.id.split(".")[0], rule.kind})},
    }


def _first_sentence(text: str) -> str:
    for stop in ("。", ". "):
        if stop in text:
            return text.split(stop)[0] + stop.strip()
    return text


def _result(run: CheckRun, f: Finding, index: dict[str, int], texts: dict, root: Path) -> dict:
    result: dict = {"ruleId": f.rule, "level": LEVEL[f.severity], "message": {"text": f.message}}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.locations:
        result["locations"] = [_location(run, f.locations[0], root)]
        related = []
        for i, loc in enumerate(f.locations[1:], 1):
            other = _location(run, loc, root)
            other["id"] = i
            other.setdefault("message", {"text": _LABELS[run.lang]["other"]})
            related.append(other)
        if related:
            result["relatedLocations"] = related
    result["partialFingerprints"] = {"figcheckFinding/v1": fingerprint(f, texts)}
    if f.rounding:
        result["properties"] = {"rounding": True}
    return result


def _location(run: CheckRun, loc: Location, root: Path) -> dict:
    uri, relative = artifact_uri(loc.path, root)
    artifact = {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}
    physical: dict = {"artifactLocation": artifact}
    out: dict = {"physicalLocation": physical}
    doc = run.doc_for(loc.path)
    if doc is not None and doc.source_format in PLAIN_SOURCES:
        end_line, end_column = end_of(doc.text, loc)
        physical["region"] = {
            "startLine": loc.line, "startColumn": loc.column,
            "endLine": end_line, "endColumn": end_column,
            "charOffset": loc.start, "charLength": loc.end - loc.start,
            "snippet": {"text": doc.text[loc.start:loc.end]},
        }
        first, last = line_span(doc.text, loc.start, loc.end)
        physical["contextRegion"] = {
            "startLine": loc.line, "endLine": end_line,
            "charOffset": first, "charLength": last - first,
            "snippet": {"text": doc.text[first:last]},
        }
    elif doc is not None:  # Word, HTML: the extracted text is not the file
        part = doc.where(loc.start)
        if part:
            out["logicalLocations"] = [{"name": part, "kind": "element"}]
        out["message"] = {"text": f"{part + ': ' if part else ''}{loc.snippet}"}
    else:  # a published article known only from the ledger: its stored line and snippet
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column,
                              "snippet": {"text": loc.text or loc.snippet}}
        out["message"] = {"text": loc.snippet}
    return out


def _artifact(doc, root: Path) -> dict:
    uri, relative = artifact_uri(doc.path, root)
    location = {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}
    artifact = {"location": location, "roles": ["analysisTarget"],
                "sourceLanguage": _SOURCE_LANGUAGE.get(doc.source_format, "plaintext")}
    if doc.source_format in PLAIN_SOURCES:
        artifact["encoding"] = _ENCODING.get(doc.encoding, doc.encoding)
    return artifact
