"""The JSON contract has a JSON Schema (docs/), and real outputs validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from report_runs import ERROR, REPEAT, ROOT, WARNING_ONLY

DOCS = ROOT / "docs"


def _schema(name: str) -> dict:
    schema = json.loads((DOCS / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


def _run(capsys, *argv: str) -> dict:
    capsys.readouterr()
    main(list(argv))
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ["check-output.schema.json", "extract-output.schema.json"])
def test_schemas_are_draft_7(name: str) -> None:
    assert _schema(name)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_check_output_of_the_seeds(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    payload = _run(capsys, "check", "seeds", "--format", "json")
    jsonschema.Draft7Validator(_schema("check-output.schema.json")).validate(payload)
    assert len(payload["findings"]) == 2


def test_check_output_with_every_kind_of_entry(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ERROR + WARNING_ONLY + "<!-- figcheck: ignore nope -->\n",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPEAT, encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>受理调解案件117件，调解成功率81.3%。</p>", encoding="utf-8")
    payload = _run(capsys, "check", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json",
                   "--date", "2021-12-20")
    jsonschema.Draft7Validator(_schema("check-output.schema.json")).validate(payload)
    rules = {f["rule"] for f in payload["findings"]}
    assert {"range.rate", "granularity.grim", "repeat.conflict", "figcheck.bad-directive"} <= rules
    assert payload["errors"] and payload["documents"][0]["published"] == "2021-12-20"


def test_a_malformed_output_fails_the_schema() -> None:
    schema = _schema("check-output.schema.json")
    bad = {"version": 4, "documents": [], "errors": [], "checks": [],
           "findings": [{"rule": "range.rate", "severity": "fatal", "message": "x", "rounding": False,
                         "locations": []}]}
    assert not jsonschema.Draft7Validator(schema).is_valid(bad)


def test_extract_output(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    payload = _run(capsys, "extract", "seeds", "--format", "json")
    jsonschema.Draft7Validator(_schema("extract-output.schema.json")).validate(payload)
    assert len(payload["figures"]) > 300


def test_every_check_is_listed_with_its_verdict(tmp_path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("全县应参保人数28.6万人，已参保27.5万人，参保率96.2%。"
                     "全市职工书屋由52家增加到209家，增长5倍。", encoding="utf-8")
    assert main(["check", "--format", "json", str(draft)]) == 1
    payload = json.loads(capsys.readouterr().out)
    jsonschema.validate(payload, _schema("check-output.schema.json"))
    verdicts = {(c["rule"], c["stated"]): c["verdict"] for c in payload["checks"]}
    assert verdicts[("ratio.rate", "96.2%")] == "consistent"
    assert verdicts[("ratio.multiple", "5倍")] == "finding"
    assert payload["documents"][0]["checked"] == len(payload["checks"]) >= 2
