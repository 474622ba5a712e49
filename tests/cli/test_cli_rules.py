"""`figcheck rules`: the list, and one rule explained from its own definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import load_rules
from cli_drafts import one_line, run


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def test_list_names_every_rule(capsys) -> None:
    r = run(capsys, "rules")
    assert r.code == 0 and r.err == ""
    for rule in load_rules():
        lines = r.out.splitlines()
        at = next(i for i, line in enumerate(lines) if line.split()[:1] == [rule.id])
        assert lines[at].split()[1:] == [rule.kind, rule.severity]
        # under it, why it exists (its first sentence), in Chinese by default
        assert lines[at + 1].startswith("    ") and lines[at + 1].strip() in rule.why["zh"] + "。"


def test_list_in_english(capsys) -> None:
    r = run(capsys, "rules", "--lang", "en")
    assert r.code == 0
    assert "Rates such as coverage" in r.out
    assert "建制率、覆盖率" not in r.out


def test_explain_one_rule(capsys) -> None:
    (rule,) = [r for r in load_rules() if r.id == "range.rate"]
    r = run(capsys, "rules", "range.rate")
    assert r.code == 0
    assert r.out.startswith("range.rate  (range, error)\n")
    assert f"为什么: {rule.why['zh']}" in r.out
    assert "会报告: 建会企业集体协商建制率达102.1%。" in r.out
    assert "不会报告: 建会企业集体协商建制率达92.1%，同比增长120%。" in r.out
    assert "rules/range.yaml:2" in r.out


def test_explain_in_english_with_example_date(capsys) -> None:
    r = run(capsys, "rules", "date.future", "--lang", "en")
    assert r.code == 0
    assert "why: Words such as 以来" in r.out
    assert "example date: 2021-12-20" in r.out
    assert "reported: 2023年以来" in r.out and "not reported: 2019年以来" in r.out


def test_unknown_rule(capsys) -> None:
    r = run(capsys, "rules", "nope")
    assert r.code == 2 and r.out == ""
    assert "nope" in one_line(r.err)


def test_group_is_no_rule(capsys) -> None:
    r = run(capsys, "rules", "range")
    assert r.code == 2 and "range" in one_line(r.err)


def test_rules_folder_is_listed(tmp_path: Path, capsys) -> None:
    (tmp_path / "local.yaml").write_text(
        "rules:\n  - id: local.cap\n    kind: range\n    severity: warning\n"
        "    params: {subject: rate, max: 90}\n"
        "    message: {zh: \"{value}过高\", en: \"{value} too high\"}\n"
        "    why: {zh: 本地上限90%。, en: A local cap of 90%.}\n", encoding="utf-8")
    r = run(capsys, "rules", "--rules", str(tmp_path))
    assert r.code == 0 and "local.cap" in r.out and "range.rate" in r.out
    r = run(capsys, "rules", "local.cap", "--rules", str(tmp_path), "--lang", "en")
    assert r.code == 0 and "why: A local cap of 90%." in r.out
    assert f"{tmp_path / 'local.yaml'}:2" in r.out


def test_malformed_rules_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "local.yaml").write_text("rules:\n  - id: local.cap\n    kind: nope\n", encoding="utf-8")
    r = run(capsys, "rules", "--rules", str(tmp_path))
    assert r.code == 2 and f"{tmp_path / 'local.yaml'}:2:" in one_line(r.err)


def test_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "rules", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--rules" in out and "--lang" in out and "ID" in out


def test_top_level_help_lists_commands(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("extract", "check", "rules", "exit status"):
        assert command in out
