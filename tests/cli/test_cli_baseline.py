"""--write-baseline records today's findings; --baseline reports only new ones. A finding is
known by its rule, figures and the words beside them, never by line: edits elsewhere keep the
baseline valid, a changed figure is new, and identical findings are counted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli_drafts import draft, one_line, run

RATE = "建会企业集体协商建制率达102.1%。"
GRIM = "受理调解案件117件，调解成功率81.3%。"
OTHER_RATE = "乡镇企业集体协商建制率达103.5%。"
DRAFT = f"今年以来，全市工会工作稳步推进。\n{RATE}\n{GRIM}\n"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def _check(capsys, *argv: str) -> tuple[int, list[tuple[str, str]], dict]:
    r = run(capsys, "check", "--format", "json", *argv)
    payload = json.loads(r.out)
    return r.code, [(f["rule"], f["locations"][0]["text"]) for f in payload["findings"]], payload


def _baseline(capsys, path: str, file: str = "baseline.json") -> dict:
    r = run(capsys, "check", path, "--write-baseline", file)
    assert r.code == 0 and r.out == "", r.err
    assert r.err.startswith(f"figcheck: 基线已写入 {file}")
    return json.loads(Path(file).read_text(encoding="utf-8"))


def test_the_baseline_file(capsys) -> None:
    data = _baseline(capsys, draft(Path("."), "d.txt", DRAFT))
    assert data["version"] == 1 and data["tool"] == "figcheck"
    assert [(e["rule"], e["path"], e["count"]) for e in data["findings"]] == [
        ("granularity.grim", "d.txt", 1), ("range.rate", "d.txt", 1)]
    (rate,) = [e for e in data["findings"] if e["rule"] == "range.rate"]
    assert rate["figures"] == [{"path": "d.txt", "text": "102.1%", "before": "建会企业集体协商建制率达",
                                "after": ""}]  # the sentence ends there
    (grim,) = [e for e in data["findings"] if e["rule"] == "granularity.grim"]
    assert [(g["text"], g["before"], g["after"]) for g in grim["figures"]] == [
        ("81.3%", "案件117件，调解成功率", ""), ("117件", "受理调解案件", "，调解成功率81.3%")]
    assert "line" not in json.dumps(data)  # never keyed by line numbers


def test_known_findings_are_silenced(capsys) -> None:
    path = draft(Path("."), "d.txt", DRAFT)
    _baseline(capsys, path)
    code, findings, payload = _check(capsys, path, "--baseline", "baseline.json")
    assert findings == [] and code == 0
    assert "基线中已记录的 2 处问题未列出" in payload["documents"][0]["notes"][-1]


def test_edits_elsewhere_keep_the_baseline(capsys) -> None:
    path = draft(Path("."), "d.txt", DRAFT)
    _baseline(capsys, path)
    # lines added above, a paragraph added below, the text re-wrapped around the figures
    draft(Path("."), "d.txt", "标题\n\n导语：会议召开。\n\n" + DRAFT.replace("，", "，\n") + "\n会议强调要稳步推进。\n")
    code, findings, _ = _check(capsys, path, "--baseline", "baseline.json")
    assert findings == [] and code == 0


def test_a_changed_figure_is_new(capsys) -> None:
    path = draft(Path("."), "d.txt", DRAFT)
    _baseline(capsys, path)
    draft(Path("."), "d.txt", DRAFT.replace("102.1%", "102.3%"))
    code, findings, _ = _check(capsys, path, "--baseline", "baseline.json")
    assert findings == [("range.rate", "102.3%")] and code == 1


def test_a_new_finding_is_reported_the_old_ones_not(capsys) -> None:
    path = draft(Path("."), "d.txt", DRAFT)
    _baseline(capsys, path)
    draft(Path("."), "d.txt", DRAFT + f"{OTHER_RATE}\n")
    code, findings, _ = _check(capsys, path, "--baseline", "baseline.json")
    assert findings == [("range.rate", "103.5%")] and code == 1


def test_identical_findings_are_counted(capsys) -> None:
    path = draft(Path("."), "d.txt", f"{RATE}\n")
    data = _baseline(capsys, path)
    assert [e["count"] for e in data["findings"]] == [1]
    # the same sentence a second time: the baseline knows one, so one is new
    draft(Path("."), "d.txt", f"{RATE}\n{RATE}\n")
    code, findings, _ = _check(capsys, path, "--baseline", "baseline.json")
    assert findings == [("range.rate", "102.1%")] and code == 1
    data = _baseline(capsys, path)
    assert [e["count"] for e in data["findings"]] == [2]
    assert _check(capsys, path, "--baseline", "baseline.json")[:2] == (0, [])


def test_same_finding_in_another_file_is_new(capsys) -> None:
    _baseline(capsys, draft(Path("."), "a.txt", f"{RATE}\n"))
    code, findings, _ = _check(capsys, draft(Path("."), "b.txt", f"{RATE}\n"), "a.txt",
                               "--baseline", "baseline.json")
    assert findings == [("range.rate", "102.1%")] and code == 1


def test_paths_are_relative_to_the_baseline(capsys, in_tmp, monkeypatch) -> None:
    path = draft(in_tmp / "drafts", "d.txt", DRAFT) if (in_tmp / "drafts").mkdir() is None else ""
    _baseline(capsys, path, "ci/baseline.json")
    data = json.loads((in_tmp / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"../drafts/d.txt"}
    monkeypatch.chdir(in_tmp / "drafts")  # another directory, another spelling of the path
    code, findings, _ = _check(capsys, "d.txt", "--baseline", "../ci/baseline.json")
    assert findings == [] and code == 0


@pytest.mark.parametrize("content, problem", [
    (None, "没有这个基线文件"),
    ("{not json", "不是基线文件"),
    ('{"version": 2, "findings": []}', "not a version 1"),
    ('{"version": 1, "findings": [{"rule": "range.rate"}]}', "entry 1 is malformed"),
])
def test_bad_baseline_is_a_usage_error(capsys, content, problem) -> None:
    if content is not None:
        Path("baseline.json").write_text(content, encoding="utf-8")
    r = run(capsys, "check", draft(Path("."), "d.txt", DRAFT), "--baseline", "baseline.json")
    assert r.code == 2 and r.out == "" and problem in one_line(r.err)


def test_baseline_options_exclude_each_other(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "check", "d.txt", "--baseline", "a.json", "--write-baseline", "b.json")
    assert exit_.value.code == 2


def test_baseline_with_every_format(capsys, in_tmp) -> None:
    path = draft(Path("."), "d.txt", DRAFT)
    _baseline(capsys, path)
    for fmt in ("text", "sarif", "junit", "github"):
        r = run(capsys, "check", path, "--baseline", "baseline.json", "--format", fmt)
        assert r.code == 0, fmt
        if fmt == "sarif":
            assert json.loads(r.out)["runs"][0]["results"] == []
        elif fmt == "junit":
            assert "<failure" not in r.out
        elif fmt == "github":
            assert r.out == ""
        else:
            assert "未发现问题" in r.out and "基线中已记录的 2 处问题未列出" in r.out


def test_write_baseline_with_unreadable_input_is_2(capsys) -> None:
    r = run(capsys, "check", draft(Path("."), "d.txt", DRAFT), "missing.txt", "--write-baseline", "b.json")
    assert r.code == 2 and os.path.exists("b.json")
