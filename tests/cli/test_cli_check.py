"""`figcheck check`: the report, the JSON contract, exit statuses, rule selection, languages and
every user error as one line on stderr with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.source import read_document
from cli_drafts import BOTH, CLEAN, ERROR, FUTURE, INFO_ONLY, WARNING_ONLY, draft, one_line, run


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the text report folds long lines to the terminal


def _json(capsys, *argv: str) -> tuple[int, dict]:
    r = run(capsys, "check", "--format", "json", *argv)
    return r.code, json.loads(r.out)


# -- the text report ---------------------------------------------------------------------------

def test_text_report_quotes_the_author(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", ERROR)
    r = run(capsys, "check", path)
    assert r.code == 1 and r.err == ""
    assert "错误 [range.rate] 建会企业集体协商建制率为102.1%（多出2.1个百分点）" in r.out
    assert f"{path}:2:13  建会企业集体协商建制率达102.1%。" in r.out
    assert "共检查 1 篇稿件" in r.out and "错误 1" in r.out


def test_text_report_of_a_clean_draft(tmp_path: Path, capsys) -> None:
    r = run(capsys, "check", draft(tmp_path, "clean.txt", CLEAN))
    assert r.code == 0
    assert "未发现问题" in r.out and "没有发现问题。" in r.out
    assert "[" not in r.out.split("\n", 1)[1]  # no finding line


def test_text_report_in_english(tmp_path: Path, capsys) -> None:
    r = run(capsys, "check", "--lang", "en", draft(tmp_path, "draft.txt", BOTH))
    assert r.code == 1
    assert "error [range.rate] 建会企业集体协商建制率 is 102.1%, over 100% by 2.1 points: a rate or share " \
           "cannot exceed 100%." in r.out
    assert "warning [granularity.grim] With a base of 117件, 81.3% cannot occur" in r.out
    assert "Checked 1 draft," in r.out and "1 error, 1 warning" in r.out
    assert "超过100%" not in r.out and "发布日期" not in r.out


# -- the JSON contract -------------------------------------------------------------------------

def test_json_follows_the_contract(tmp_path: Path, capsys) -> None:
    # a BOM, CRLF line ends and full-width digits: offsets are into the decoded original
    path = draft(tmp_path, "draft.txt", "\ufeff标题\r\n受理调解案件１１７件，调解成功率８１．３％。\r\n"
                 "建会企业集体协商建制率达102.1%。\r\n")
    code, payload = _json(capsys, path)
    assert code == 1
    assert payload["version"] == 4
    assert [d["path"] for d in payload["documents"]] == [path]
    assert payload["documents"][0]["findings"] == len(payload["findings"]) == 2
    text = read_document(path).text
    lines = text.split("\n")
    assert {f["rule"] for f in payload["findings"]} == {"range.rate", "granularity.grim"}
    for finding in payload["findings"]:
        assert {"rule", "severity", "message", "locations"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["locations"]
        for loc in finding["locations"]:
            assert {"path", "start", "end", "line", "column", "snippet"} <= set(loc)
            assert loc["path"] == path
            written = text[loc["start"]:loc["end"]]
            assert written == loc["text"] and written
            assert lines[loc["line"] - 1][loc["column"] - 1:].startswith(written)
            assert written in loc["snippet"]
    (rate,) = [f for f in payload["findings"] if f["rule"] == "range.rate"]
    assert rate["severity"] == "error" and rate["locations"][0]["text"] == "102.1%"
    assert rate["locations"][0]["line"] == 3 and rate["locations"][0]["column"] == 13


def test_json_of_several_drafts(tmp_path: Path, capsys) -> None:
    a = draft(tmp_path, "a.txt", ERROR)
    b = draft(tmp_path, "b.txt", CLEAN)
    code, payload = _json(capsys, a, b)
    assert code == 1
    assert [(d["path"], d["findings"]) for d in payload["documents"]] == [(a, 1), (b, 0)]
    assert [f["locations"][0]["path"] for f in payload["findings"]] == [a]
    assert payload["errors"] == []


def test_directory_is_searched(tmp_path: Path, capsys) -> None:
    draft(tmp_path, "a.txt", ERROR)
    draft(tmp_path, "b.md", WARNING_ONLY)
    draft(tmp_path, "notes.csv", ERROR)  # not a draft
    code, payload = _json(capsys, str(tmp_path))
    assert [Path(d["path"]).name for d in payload["documents"]] == ["a.txt", "b.md"]
    assert code == 1


# -- exit statuses -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, fail_on, code", [
    (WARNING_ONLY, "error", 0), (WARNING_ONLY, "warning", 1), (WARNING_ONLY, "info", 1),
    (WARNING_ONLY, "never", 0),
    (ERROR, "error", 1), (ERROR, "warning", 1), (ERROR, "info", 1), (ERROR, "never", 0),
    (INFO_ONLY, "error", 0), (INFO_ONLY, "warning", 0), (INFO_ONLY, "info", 1),
    (CLEAN, "info", 0),
])
def test_fail_on(tmp_path: Path, capsys, text: str, fail_on: str, code: int) -> None:
    r = run(capsys, "check", "--fail-on", fail_on, draft(tmp_path, "draft.txt", text))
    assert r.code == code, r.out


def test_default_fails_on_errors_only(tmp_path: Path, capsys) -> None:
    assert run(capsys, "check", draft(tmp_path, "w.txt", WARNING_ONLY)).code == 0
    assert run(capsys, "check", draft(tmp_path, "e.txt", ERROR)).code == 1


def test_info_only_draft_has_an_info_finding(tmp_path: Path, capsys) -> None:
    code, payload = _json(capsys, draft(tmp_path, "draft.txt", INFO_ONLY))
    assert code == 0
    assert {(f["rule"], f["severity"], f["rounding"]) for f in payload["findings"]} == {
        ("share.sum", "info", True)}


# -- selecting rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("options, rules", [
    ([], {"range.rate", "granularity.grim"}),
    (["--select", "range"], {"range.rate"}),
    (["--select", "granularity.grim"], {"granularity.grim"}),
    (["--select", "range,granularity"], {"range.rate", "granularity.grim"}),
    (["--select", "range", "--select", "granularity"], {"range.rate", "granularity.grim"}),
    (["--ignore", "range"], {"granularity.grim"}),
    (["--ignore", "range.rate"], {"granularity.grim"}),
    (["--ignore", "range.rate,granularity"], set()),
    (["--select", "range", "--ignore", "range.rate"], set()),
    (["--select", "date"], set()),
])
def test_select_and_ignore(tmp_path: Path, capsys, options: list[str], rules: set[str]) -> None:
    code, payload = _json(capsys, draft(tmp_path, "draft.txt", BOTH), *options)
    assert {f["rule"] for f in payload["findings"]} == rules
    assert code == (1 if "range.rate" in rules else 0)


def test_select_before_paths_leaves_the_paths_alone(tmp_path: Path, capsys) -> None:
    code, payload = _json(capsys, "--select", "range", draft(tmp_path, "draft.txt", BOTH))
    assert {f["rule"] for f in payload["findings"]} == {"range.rate"} and code == 1


def test_group_prefix_is_a_whole_word(tmp_path: Path, capsys) -> None:
    # "rang" is no group: it must not select range.rate by prefix
    r = run(capsys, "check", draft(tmp_path, "draft.txt", BOTH), "--select", "rang")
    assert r.code == 2 and "rang" in one_line(r.err) and r.out == ""


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_name(tmp_path: Path, capsys, option: str) -> None:
    r = run(capsys, "check", draft(tmp_path, "draft.txt", BOTH), option, "range,range.rates")
    assert r.code == 2
    assert "range.rates" in one_line(r.err)
    assert r.out == ""


# -- dates -------------------------------------------------------------------------------------

def test_date_runs_the_date_rules(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", FUTURE)
    code, payload = _json(capsys, path)
    assert code == 0 and payload["findings"] == []
    assert payload["documents"][0]["published"] is None
    assert "date.future" in payload["documents"][0]["notes"][0]
    code, payload = _json(capsys, "--date", "2021-12-20", path)
    assert code == 1
    assert [f["rule"] for f in payload["findings"]] == ["date.future"]
    assert payload["documents"][0]["published"] == "2021-12-20"
    # the date rules ran; what is left to say is whose the figures are (the draft names no region)
    assert [n for n in payload["documents"][0]["notes"] if "date.future" in n or "--date" in n] == []


@pytest.mark.parametrize("value", ["2021-02-30", "2021-12-32", "yesterday", ""])
def test_bad_date(tmp_path: Path, capsys, value: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "check", "--date", value, draft(tmp_path, "draft.txt", ERROR))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    line = one_line(captured.err)
    assert "--date" in line and "YYYY-MM-DD" in line
    assert captured.out == ""


# -- input errors ------------------------------------------------------------------------------

def test_missing_file_others_still_checked(tmp_path: Path, capsys) -> None:
    a = draft(tmp_path, "a.txt", ERROR)
    b = draft(tmp_path, "b.txt", WARNING_ONLY)
    missing = str(tmp_path / "missing.txt")
    r = run(capsys, "check", a, missing, b)
    assert r.code == 2
    assert missing in one_line(r.err)
    assert "[range.rate]" in r.out and "[granularity.grim]" in r.out
    assert "共检查 2 篇稿件" in r.out


def test_missing_file_in_json(tmp_path: Path, capsys) -> None:
    a = draft(tmp_path, "a.txt", ERROR)
    missing = str(tmp_path / "missing.txt")
    r = run(capsys, "check", "--format", "json", missing, a)
    assert r.code == 2
    assert missing in one_line(r.err)
    payload = json.loads(r.out)
    assert [d["path"] for d in payload["documents"]] == [a]
    assert [f["rule"] for f in payload["findings"]] == ["range.rate"]
    assert len(payload["errors"]) == 1 and missing in payload["errors"][0]


def test_missing_file_outranks_never(tmp_path: Path, capsys) -> None:
    r = run(capsys, "check", "--fail-on", "never", str(tmp_path / "missing.txt"),
            draft(tmp_path, "a.txt", CLEAN))
    assert r.code == 2


def test_empty_directory(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    r = run(capsys, "check", str(tmp_path / "empty"))
    assert r.code == 2 and "empty" in one_line(r.err)


# -- rule folders ------------------------------------------------------------------------------

def _rules_folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_malformed_rules_folder(tmp_path: Path, capsys) -> None:
    folder = _rules_folder(tmp_path, "local.yaml", "rules:\n  - id: local.rate\n    kind: range\n"
                           "    severity: fatal\n    message: {zh: 甲, en: a}\n")
    r = run(capsys, "check", "--rules", str(folder), draft(tmp_path, "draft.txt", ERROR))
    assert r.code == 2
    assert f"{folder / 'local.yaml'}:2:" in one_line(r.err)
    assert r.out == ""


def test_rules_folder_overrides_severity(tmp_path: Path, capsys) -> None:
    folder = _rules_folder(tmp_path, "range.yaml", "rules:\n  - id: range.rate\n    kind: range\n"
                           "    severity: warning\n"
                           "    message: {zh: \"{value}过高\", en: \"{value} too high\"}\n")
    path = draft(tmp_path, "draft.txt", ERROR)
    code, payload = _json(capsys, "--rules", str(folder), path)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in payload["findings"]] == [("range.rate", "warning")]
    assert payload["findings"][0]["message"].startswith("102.1%过高")


# -- help --------------------------------------------------------------------------------------

def test_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "check", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--format", "--date", "--rules", "--fail-on", "--lang", "--select", "--ignore"):
        assert option in out
    assert "exit status" in out


def test_no_command(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys)
    assert exit_.value.code == 2
    assert "COMMAND" in one_line(capsys.readouterr().err)


def test_internal_error_is_exit_3(tmp_path: Path, capsys, monkeypatch) -> None:
    import checker.check

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(checker.check, "check_documents", broken)
    monkeypatch.delenv("FIGCHECK_DEBUG", raising=False)
    r = run(capsys, "check", draft(tmp_path, "draft.txt", CLEAN))
    assert r.code == 3  # never 1, which would read as "findings"
    assert r.err.count("\n") == 1 and "internal error" in r.err and "Traceback" not in r.err



def _breaking_the_contract(monkeypatch) -> None:
    """Extraction that yields, in the second draft, a figure whose interval runs backwards."""
    import dataclasses

    import checker.check
    import checker.extract

    real_read, real_extract = checker.check.read_figures, checker.extract.extract

    def broken(figures):
        return [dataclasses.replace(figures[0], lo=5.0, hi=1.0), *figures[1:]]

    def read(doc):
        extraction = real_read(doc)
        if doc.path.endswith("b.txt"):
            return dataclasses.replace(extraction, figures=broken(extraction.figures))
        return extraction

    monkeypatch.setattr(checker.check, "read_figures", read)
    monkeypatch.setattr(checker.extract, "extract",
                        lambda doc: broken(real_extract(doc)) if doc.path.endswith("b.txt")
                        else real_extract(doc))


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_figure_breaking_the_table_contract_is_exit_3(tmp_path: Path, capsys, monkeypatch,
                                                        command: str) -> None:
    """The figures of all drafts are validated together; one broken figure is an internal error
    for its own draft, named with its path (exit 3), and the other drafts are still reported."""
    _breaking_the_contract(monkeypatch)
    draft(tmp_path, "a.txt", ERROR)
    draft(tmp_path, "b.txt", CLEAN)
    monkeypatch.delenv("FIGCHECK_DEBUG", raising=False)
    r = run(capsys, command, str(tmp_path))
    assert r.code == 3
    [line] = [x for x in r.err.splitlines() if "internal error" in x]
    assert "b.txt" in line and "lo must not exceed hi" in line and "Traceback" not in r.err
    assert "102.1%" in r.out  # a.txt's figure: its report is printed
    assert "非公企业工会" not in r.out  # and nothing of b.txt's

# -- the console script ------------------------------------------------------------------------

FIGCHECK = Path(sys.executable).with_name("figcheck")


def _script(*argv: str) -> subprocess.CompletedProcess:
    assert FIGCHECK.exists(), FIGCHECK
    return subprocess.run([str(FIGCHECK), *argv], capture_output=True, text=True, timeout=120)


def test_console_script_user_errors_are_one_line(tmp_path: Path) -> None:
    good = draft(tmp_path, "a.txt", ERROR)
    missing = str(tmp_path / "missing.txt")
    done = _script("check", "--format", "json", missing, good)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("figcheck: error: ") and missing in done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["range.rate"]

    done = _script("check", "--date", "2021-13-01", good)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr

    done = _script("check", good, "--select", "nope")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_console_script_findings_exit_1(tmp_path: Path) -> None:
    done = _script("check", "--format", "json", draft(tmp_path, "a.txt", ERROR))
    assert done.returncode == 1 and done.stderr == ""
    assert json.loads(done.stdout)["findings"][0]["rule"] == "range.rate"
