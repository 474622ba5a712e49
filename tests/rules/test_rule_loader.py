"""Rule files: every mistake is a RuleFileError naming the file and the line; a --rules folder
adds rules and overrides built-in ones by id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.check import check_text
from checker.errors import RuleFileError
from checker.rules import load_rules

# line 1 "rules:", the rule's mapping starts on line 2 and its params on line 5
VALID = """\
rules:
  - id: local.rate
    kind: range
    severity: error
    params: {subject: rate, max: 90}
    message: {zh: "{metric}为{value}，超过90%。", en: "{metric} is {value}, over 90%."}
    why: {zh: 本地规定不超过90%。, en: Local rules cap it at 90%.}
    examples: {fail: [建会企业集体协商建制率达95%。], pass: [建会企业集体协商建制率达85%。]}
"""


def _folder(tmp_path: Path, text: str, name: str = "local.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _error(tmp_path: Path, text: str) -> RuleFileError:
    folder = _folder(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_rules(str(folder))
    err = caught.value
    assert err.path == str(folder / "local.yaml")
    assert str(err).startswith(f"{folder / 'local.yaml'}:{err.line}: ")
    return err


def test_valid_file_loads(tmp_path: Path) -> None:
    rules = {r.id: r for r in load_rules(str(_folder(tmp_path, VALID)))}
    rule = rules["local.rate"]
    assert (rule.kind, rule.severity, rule.params["max"]) == ("range", "error", 90.0)
    assert rule.source == f"{tmp_path / 'rules' / 'local.yaml'}:2"


@pytest.mark.parametrize("text, line, words", [
    pytest.param("rules:\n  - id: local.rate\n    kind: [range\n    severity: error\n", 4,
                 "malformed YAML", id="malformed-yaml"),
    pytest.param(VALID.replace("kind: range", "kind: ranges"), 2, "unknown kind", id="unknown-kind"),
    pytest.param(VALID.replace("    severity: error\n", "    severity: error\n    colour: red\n"), 2,
                 "unknown field): colour", id="unknown-field"),
    pytest.param("rules: []\nversion: 2\n", 1, "unknown field): version", id="unknown-top-field"),
    pytest.param(VALID.replace("max: 90}", "max: 90, maximum: 95}"), 5,
                 "unknown parameter) 'maximum'", id="unknown-param"),
    pytest.param(VALID.replace("max: 90", "max: ninety"), 5, "parameter max must be float",
                 id="bad-param-type"),
    pytest.param(VALID.replace("max: 90", "max: true"), 5, "parameter max must be float",
                 id="bool-is-no-number"),
    pytest.param(VALID.replace("subject: rate", "subject: rates"), 5,
                 "parameter subject must be one of rate, count", id="bad-param-choice"),
    pytest.param(VALID.replace("severity: error", "severity: fatal"), 2, "bad severity",
                 id="bad-severity"),
    pytest.param(VALID + VALID.replace("rules:\n", ""), 9, "duplicate id): local.rate",
                 id="duplicate-id"),
    pytest.param(VALID.replace("id: local.rate", "id: Rate"), 2, "id must look like group.name",
                 id="bad-id"),
    pytest.param(VALID.replace("    message: {zh: \"{metric}为{value}，超过90%。\", en: \"{metric} is {value}, over 90%.\"}\n",
                               ""), 2, "message needs zh and en", id="missing-message"),
    pytest.param(VALID.replace(', en: "{metric} is {value}, over 90%."', ""), 6,
                 "message needs zh and en", id="message-without-en"),
    pytest.param(VALID.replace("    why:", "    example_date: \"2021-02-30\"\n    why:"), 2,
                 "bad example_date", id="bad-example-date"),
    pytest.param(VALID.replace("examples: {fail:", "examples: {failing:"), 2, "bad examples",
                 id="bad-examples"),
    pytest.param(VALID.replace("    why:", "    rounding: sometimes\n    why:"), 2, "rounding",
                 id="bad-rounding"),
    pytest.param(VALID.replace("    why:", "    check: {gap: {below: 0}}\n    why:"), 2,
                 "unsupported check", id="bad-check"),
    pytest.param(VALID.replace("kind: range", "kind: date").replace(
        "{subject: rate, max: 90}", "{subject: anniversary, bodies_file: ../bodies.yaml}"), 5,
        "named file must exist in the rule folder", id="named-file-outside"),
    pytest.param(VALID.replace("kind: range", "kind: date").replace(
        "{subject: rate, max: 90}", "{subject: anniversary, bodies_file: missing.yaml}"), 5,
        "named file must exist in the rule folder", id="named-file-missing"),
    pytest.param(VALID.replace("severity: error", 'severity: !!python/object/apply:os.system ["echo hi"]'),
                 4, "malformed YAML", id="python-tag"),
    pytest.param("rules: !!python/object:argparse.Namespace {a: 1}\n", 1, "malformed YAML",
                 id="python-object-tag"),
])
def test_mistake_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "bodies.yaml").write_text("bodies: []\n", encoding="utf-8")  # outside the folder
    err = _error(tmp_path, text)
    assert err.line == line, str(err)
    assert words in str(err)


def test_safe_loading_runs_no_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID.replace("severity: error",
                         f'severity: !!python/object/apply:os.system ["touch {marker}"]')
    _error(tmp_path, text)
    assert not marker.exists()


def test_duplicate_id_across_files_of_one_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path, VALID, "a.yaml")
    _folder(tmp_path, VALID, "b.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rules(str(folder))
    assert caught.value.path == str(folder / "b.yaml") and caught.value.line == 2
    assert f"{folder / 'a.yaml'}:2" in str(caught.value)


def test_named_file_inside_the_folder_is_used(tmp_path: Path) -> None:
    folder = _folder(tmp_path, VALID.replace("id: local.rate", "id: date.anniversary")
                     .replace("kind: range", "kind: date")
                     .replace("{subject: rate, max: 90}",
                              "{subject: anniversary, bodies_file: bodies.yaml}")
                     .replace("{metric}为{value}，超过90%。", "{body}{stated}")
                     .replace("{metric} is {value}, over 90%.", "{body} {stated}"))
    (folder / "bodies.yaml").write_text(
        "bodies:\n  - {name: 市职工文化宫, founded: 1991, aliases: [文化宫]}\n", encoding="utf-8")
    rules = load_rules(str(folder))
    report = check_text("热烈庆祝市职工文化宫建成20周年。", rules, date=dt.date(2021, 5, 1))
    assert [f.rule for f in report.findings] == ["date.anniversary"]
    assert report.findings[0].message == "市职工文化宫20周年"


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="not a directory"):
        load_rules(str(tmp_path / "nowhere"))


def test_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "local.yaml").write_bytes(VALID.encode("gb18030"))
    with pytest.raises(RuleFileError, match="not UTF-8"):
        load_rules(str(folder))


def test_extra_folder_adds_a_rule(tmp_path: Path) -> None:
    builtin = load_rules()
    rules = load_rules(str(_folder(tmp_path, VALID)))
    assert {r.id for r in rules} == {r.id for r in builtin} | {"local.rate"}
    report = check_text("建会企业集体协商建制率达95%。", rules)
    assert [f.rule for f in report.findings] == ["local.rate"]
    assert report.findings[0].message.startswith("建会企业集体协商建制率为95%，超过90%。")
    assert check_text("建会企业集体协商建制率达95%。", builtin).findings == []


def test_extra_folder_overrides_a_builtin_rule_by_id(tmp_path: Path) -> None:
    override = (VALID.replace("id: local.rate", "id: range.rate")
                .replace("severity: error", "severity: warning"))
    rules = load_rules(str(_folder(tmp_path, override)))
    assert len(rules) == len(load_rules())
    (rule,) = [r for r in rules if r.id == "range.rate"]
    assert rule.severity == "warning" and rule.params["max"] == 90.0
    assert rule.source.startswith(str(tmp_path))
    findings = check_text("建会企业集体协商建制率达95%。", rules).findings
    assert [(f.rule, f.severity) for f in findings] == [("range.rate", "warning")]


def test_builtin_rules_are_untouched_by_an_override(tmp_path: Path) -> None:
    load_rules(str(_folder(tmp_path, VALID.replace("id: local.rate", "id: range.rate"))))
    (rule,) = [r for r in load_rules() if r.id == "range.rate"]
    assert rule.params["max"] == 100.0 and rule.source.endswith("range.yaml:2")
