"""SARIF 2.1.0: valid against the official OASIS schema, and every region points at the figure
in the file as a SARIF consumer reads it (code points, no BOM, CRLF lines)."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import jsonschema
import pytest

from checker.report.sarif_format import LEVEL, SCHEMA_URI, sarif_log, write_run
from report_runs import CLEAN, ERROR, REPEAT, ROOT, WARNING_ONLY, make_run, seeds_run

SCHEMA = json.loads((Path(__file__).with_name("schemas") / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))


def validate(log: dict) -> None:
    """Draft 7 validation, as asked of every output; the schema itself declares Draft 4, whose
    validator must agree."""
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def _log(run) -> dict:
    out = io.StringIO()
    write_run(run, out)
    return json.loads(out.getvalue())


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_vendored_schema_is_the_oasis_one() -> None:
    assert SCHEMA["id"] == SCHEMA_URI
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    jsonschema.Draft4Validator.check_schema(SCHEMA)


def test_seeds_are_valid_sarif(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    log = _log(seeds_run())
    validate(log)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and log["$schema"] == SCHEMA_URI
    assert {r["ruleId"] for r in run["results"]} == {"repeat.conflict", "granularity.grim"}
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        f"seeds/{p.name}" for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_driver_describes_every_rule_in_effect(in_tmp) -> None:
    run = make_run(in_tmp, {"a.txt": ERROR})
    log = _log(run)
    validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "figcheck" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    described = {d["id"]: d for d in driver["rules"]}
    assert set(described) == {r.id for r in run.rules}
    assert {"figcheck.bad-directive", "figcheck.unused-directive"} <= set(described)
    rate = described["range.rate"]
    (rule,) = [r for r in run.rules if r.id == "range.rate"]
    assert rate["name"] == "RangeRate"
    assert rate["fullDescription"]["text"] == rule.why["zh"]
    assert rate["shortDescription"]["text"] and rule.why["zh"].startswith(
        rate["shortDescription"]["text"].rstrip("。"))
    assert "会报告: 建会企业集体协商建制率达102.1%。" in rate["help"]["text"]
    assert rate["defaultConfiguration"]["level"] == "error"
    assert described["sum.exceeds"]["defaultConfiguration"]["level"] == "warning"


def test_results_point_at_the_figure(in_tmp) -> None:
    log = _log(make_run(in_tmp, {"a.txt": ERROR, "b.txt": WARNING_ONLY, "c.txt": CLEAN}))
    validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    rate = by_rule["range.rate"]
    assert rate["level"] == "error" and rules[rate["ruleIndex"]]["id"] == "range.rate"
    assert rate["message"]["text"].startswith("建会企业集体协商建制率为102.1%")
    (loc,) = rate["locations"]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 19,
        "charOffset": ERROR.index("102.1%"), "charLength": 6, "snippet": {"text": "102.1%"}}
    assert loc["physicalLocation"]["contextRegion"]["snippet"]["text"] == "建会企业集体协商建制率达102.1%。"
    assert by_rule["granularity.grim"]["level"] == "warning"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == in_tmp.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"
    assert all(r["partialFingerprints"]["figcheckFinding/v1"] for r in run["results"])


def test_levels() -> None:
    assert LEVEL == {"error": "error", "warning": "warning", "info": "note"}


def test_other_figures_are_related_locations(in_tmp) -> None:
    log = _log(make_run(in_tmp, {"r.txt": REPEAT}))
    validate(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "repeat.conflict"]
    first = result["locations"][0]["physicalLocation"]["region"]
    (related,) = result["relatedLocations"]
    second = related["physicalLocation"]["region"]
    assert (first["startLine"], first["snippet"]["text"]) == (1, "172个")
    assert (second["startLine"], second["snippet"]["text"]) == (3, "181个")
    assert related["id"] == 1 and related["message"]["text"]


@pytest.mark.parametrize("encoding, newline", [
    ("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("gb18030", "\r\n")])
def test_regions_are_code_points_of_the_file(in_tmp, encoding: str, newline: str) -> None:
    # an astral character (one code point, two UTF-16 units) before the figure on its line, a
    # byte-order mark, CRLF line ends and GB18030 bytes: offsets must still land on the figure
    text = ("标题𠀀\n" + "𠀀𠀀建会企业集体协商建制率达102.1%。\n" + "尾行\n").replace("\n", newline)
    log = _log(make_run(in_tmp, {"d.txt": text.encode(encoding)}))
    validate(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "range.rate"]
    region = result["locations"][0]["physicalLocation"]["region"]
    data = (in_tmp / "d.txt").read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]  # offsets never count a byte-order mark (SARIF 3.30.2)
    decoded = data.decode(encoding.replace("-sig", ""))
    start, length = region["charOffset"], region["charLength"]
    assert decoded[start:start + length] == "102.1%" == region["snippet"]["text"]
    lines = decoded.replace("\r\n", "\n").split("\n")  # SARIF's default newline sequences
    line = lines[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "102.1%"
    assert region["startColumn"] == 15  # 𠀀 counts one column: code points, not UTF-16 units
    (artifact,) = log["runs"][0]["artifacts"]
    assert artifact["encoding"] == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}[encoding]


def test_html_and_word_drafts_name_the_part_not_a_region(in_tmp) -> None:
    page = "<html><body><h1>标题</h1>\n<p>建会企业集体协商建制率达102.1%。</p></body></html>"
    log = _log(make_run(in_tmp, {"page.html": page}))
    validate(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "range.rate"]
    (loc,) = result["locations"]
    assert "region" not in loc["physicalLocation"]
    assert loc["logicalLocations"][0]["name"].startswith("<p>")
    assert "102.1%" in loc["message"]["text"]
    assert log["runs"][0]["artifacts"][0]["sourceLanguage"] == "html"


def test_unreadable_inputs_are_notifications(in_tmp) -> None:
    log = _log(make_run(in_tmp, {"a.txt": CLEAN}, errors=["missing.txt: 没有这个文件或目录"]))
    validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("missing.txt")


def test_a_clean_run_is_valid_and_empty(in_tmp) -> None:
    log = sarif_log(make_run(in_tmp, {"a.txt": CLEAN}))
    validate(log)
    assert log["runs"][0]["results"] == []


def test_english_messages(in_tmp) -> None:
    log = _log(make_run(in_tmp, {"a.txt": ERROR}, lang="en"))
    validate(log)
    run = log["runs"][0]
    assert run["language"] == "en-US"
    assert run["results"][0]["message"]["text"].startswith("建会企业集体协商建制率 is 102.1%")
