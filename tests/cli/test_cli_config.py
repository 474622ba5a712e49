"""Configuration: figcheck.toml or [tool.figcheck] in pyproject.toml, found from the current
directory upwards; the command line overrides it; every mistake names the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.config import Config, ConfigError, find_config, load_config
from cli_drafts import BOTH, ERROR, WARNING_ONLY, draft, one_line, run


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _json(capsys, *argv: str) -> tuple[int, dict]:
    r = run(capsys, "check", "--format", "json", *argv)
    assert r.out, r.err
    return r.code, json.loads(r.out)


# -- finding the file --------------------------------------------------------------------------

def test_found_in_a_parent_directory(tmp_path, monkeypatch) -> None:
    own = _write(tmp_path / "figcheck.toml", 'lang = "en"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert find_config() == own


def test_figcheck_toml_wins_over_pyproject(tmp_path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.figcheck]\nlang = "en"\n')
    own = _write(tmp_path / "figcheck.toml", 'lang = "zh"\n')
    assert find_config(tmp_path) == own


def test_a_pyproject_without_our_table_is_passed_over(tmp_path) -> None:
    outer = _write(tmp_path / "pyproject.toml", '[tool.figcheck]\nfail-on = "warning"\n')
    _write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 1\n')
    _write(tmp_path / "broken" / "pyproject.toml", "this is [not toml\n")
    assert find_config(tmp_path / "inner") == outer
    assert find_config(tmp_path / "broken") == outer  # not ours, not our error


def test_nearest_wins(tmp_path) -> None:
    _write(tmp_path / "figcheck.toml", 'lang = "en"\n')
    inner = _write(tmp_path / "sub" / "pyproject.toml", '[tool.figcheck]\nlang = "zh"\n')
    assert find_config(tmp_path / "sub") == inner


def test_every_key_is_read(tmp_path) -> None:
    path = _write(tmp_path / "figcheck.toml", """\
rules = "house-rules"
select = ["range", "granularity.grim"]
ignore = "range.negative, sum"
fail-on = "warning"
lang = "en"
format = "sarif"
ledger = "data/ledger.duckdb"
max-bytes = 1048576

[severity]
"granularity.grim" = "error"
range.rate = "info"
date = "warning"
""")
    config = load_config(path)
    assert config == Config(
        path=path, rules=str(tmp_path / "house-rules"), select=["range", "granularity.grim"],
        ignore=["range.negative", "sum"], fail_on="warning", lang="en", format="sarif",
        ledger=str(tmp_path / "data/ledger.duckdb"), max_bytes=1048576,
        severity={"granularity.grim": "error", "range.rate": "info", "date": "warning"})


def test_pyproject_table(tmp_path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[project]\nname = "drafts"\n\n[tool.figcheck]\n'
                  'select = ["range"]\n\n[tool.figcheck.severity]\n"range.rate" = "warning"\n')
    config = load_config(path)
    assert config.select == ["range"] and config.severity == {"range.rate": "warning"}


# -- mistakes: one line, exit 2, naming the file and the key -----------------------------------

@pytest.mark.parametrize("text, key, line", [
    ('lang = "en"\nfial-on = "warning"\n', "fial-on", 2),
    ('fail-on = "sometimes"\n', "fail-on", 1),
    ('lang = "fr"\n', "lang", 1),
    ('format = "pdf"\n', "format", 1),
    ("max-bytes = -1\n", "max-bytes", 1),
    ("max-bytes = true\n", "max-bytes", 1),
    ("select = 3\n", "select", 1),
    ("rules = 3\n", "rules", 1),
    ('\n[severity]\n"range.rate" = "fatal"\n', "severity", 2),
])
def test_bad_key_or_value(tmp_path, capsys, text, key, line) -> None:
    _write(tmp_path / "figcheck.toml", text)
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR))
    message = one_line(r.err)
    assert r.code == 2 and r.out == ""
    assert f"{tmp_path / 'figcheck.toml'}:{line}: {key}" in message


def test_unknown_key_in_pyproject(tmp_path, capsys) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.figcheck]\nselct = ["range"]\n')
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR))
    assert r.code == 2 and f"{tmp_path / 'pyproject.toml'}:5: selct" in one_line(r.err)


@pytest.mark.parametrize("text, key", [
    ('select = ["range", "rang"]\n', "select"),
    ('ignore = ["nope.rule"]\n', "ignore"),
    ('[severity]\n"range.rates" = "warning"\n', "severity"),
])
def test_unknown_rule_names_the_file_and_key(tmp_path, capsys, text, key) -> None:
    _write(tmp_path / "figcheck.toml", text)
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR))
    message = one_line(r.err)
    assert r.code == 2 and str(tmp_path / "figcheck.toml") in message and key in message


def test_malformed_toml(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", 'lang = "en\n')
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR))
    assert r.code == 2 and "malformed TOML" in one_line(r.err)


def test_config_error_type(tmp_path) -> None:
    path = _write(tmp_path / "figcheck.toml", "nope = 1\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.key == "nope" and err.value.path == path


# -- the file's settings, and the command line over them ---------------------------------------

def test_settings_apply(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", 'format = "json"\nselect = ["granularity"]\nfail-on = "warning"\n')
    r = run(capsys, "check", draft(tmp_path, "d.txt", BOTH))
    payload = json.loads(r.out)
    assert [f["rule"] for f in payload["findings"]] == ["granularity.grim"]
    assert r.code == 1  # a warning, and fail-on = warning


def test_command_line_overrides_the_file(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", 'format = "json"\nselect = ["granularity"]\nfail-on = "warning"\n'
           'lang = "en"\n')
    path = draft(tmp_path, "d.txt", BOTH)
    r = run(capsys, "check", path, "--select", "range", "--fail-on", "never", "--lang", "zh")
    payload = json.loads(r.out)
    assert [f["rule"] for f in payload["findings"]] == ["range.rate"] and r.code == 0
    assert "超过100%" in payload["findings"][0]["message"]
    r = run(capsys, "check", path, "--format", "github")
    assert r.out.startswith("::warning ")


def test_severity_override(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", '[severity]\nrange = "warning"\n"granularity.grim" = "error"\n')
    code, payload = _json(capsys, draft(tmp_path, "d.txt", BOTH))
    assert {(f["rule"], f["severity"]) for f in payload["findings"]} == {
        ("range.rate", "warning"), ("granularity.grim", "error")}
    assert code == 1


def test_most_specific_severity_wins(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", '[severity]\nrange = "info"\n"range.rate" = "warning"\n')
    code, payload = _json(capsys, draft(tmp_path, "d.txt", ERROR))
    assert [f["severity"] for f in payload["findings"]] == ["warning"] and code == 0


def test_severity_shows_in_sarif_rules(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", '[severity]\n"range.rate" = "info"\n')
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR), "--format", "sarif")
    log = json.loads(r.out)
    (rate,) = [d for d in log["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "range.rate"]
    assert rate["defaultConfiguration"]["level"] == "note"
    assert log["runs"][0]["results"][0]["level"] == "note" and r.code == 0


def test_rules_folder_is_relative_to_the_file(tmp_path, capsys, monkeypatch) -> None:
    _write(tmp_path / "figcheck.toml", 'rules = "house"\n')
    _write(tmp_path / "house" / "range.yaml", "rules:\n  - id: range.rate\n    kind: range\n"
           "    severity: warning\n    message: {zh: \"{value}过高\", en: \"{value} too high\"}\n")
    path = draft(tmp_path, "d.txt", ERROR)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, payload = _json(capsys, path)
    assert [f["severity"] for f in payload["findings"]] == ["warning"] and code == 0


def test_explicit_config_and_no_config(tmp_path, capsys) -> None:
    _write(tmp_path / "figcheck.toml", 'select = ["granularity"]\n')
    other = _write(tmp_path / "ci" / "strict.toml", 'fail-on = "warning"\nselect = ["range"]\n')
    path = draft(tmp_path, "d.txt", BOTH)
    code, payload = _json(capsys, path, "--config", str(other))
    assert [f["rule"] for f in payload["findings"]] == ["range.rate"] and code == 1
    code, payload = _json(capsys, path, "--no-config")
    assert {f["rule"] for f in payload["findings"]} == {"range.rate", "granularity.grim"}
    r = run(capsys, "check", path, "--config", str(tmp_path / "nope.toml"))
    assert r.code == 2 and "nope.toml" in one_line(r.err)


def test_no_file_means_the_defaults(tmp_path, capsys) -> None:
    r = run(capsys, "check", draft(tmp_path, "d.txt", WARNING_ONLY))
    assert r.code == 0 and "警告" in r.out
